from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.signup import complete_signup
from allauth.account.views import LoginView as AllauthLoginView
from allauth.account.views import SignupView as AllauthSignupView
from allauth.core.exceptions import ImmediateHttpResponse
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.core.exceptions import NON_FIELD_ERRORS
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.forms import ProfileForm
from accounts.login import login_retry_after
from accounts.models import User
from accounts.registration import RegistrationForm, registration_taken_address_notify
from accounts.services import user_log_out_everywhere, user_update_profile


@login_required
@require_POST
def log_out_everywhere(request):
    user_log_out_everywhere(user=request.user)
    logout(request)
    messages.success(request, "You were logged out on every device.")
    return redirect("account_login")


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user_update_profile(user=request.user, **form.cleaned_data)
        messages.success(request, "Your details were saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


class SignupView(AllauthSignupView):
    """allauth's sign-up, with the role chosen by the link that led here
    (`?role=vendor` from "Become a vendor"), and vendors sent on to the admin,
    where their dashboard lists the first steps.

    It answers a new and a taken e-mail address alike (accounts.registration):
    "we sent you an e-mail". A new account is confirmed before it is signed in;
    following the link in the same browser signs in and goes on to where sign-up
    was headed (checkout, the admin)."""

    form_class = RegistrationForm

    def form_valid(self, form):
        if form.account_already_exists:
            # As long as making an account takes: the hashing shows no difference.
            make_password(form.cleaned_data.get("password1"))
            registration_taken_address_notify(
                request=self.request, email=form.cleaned_data["email"]
            )
            # The new-account branch keeps its pending sign-in in the session:
            # write the session here too, so not even a cookie differs.
            self.request.session["account_signup_pending"] = True
            return get_adapter(self.request).respond_email_verification_sent(
                self.request, None
            )
        self.user = form.save(self.request)
        self.request.session["account_signup_pending"] = True
        try:
            return complete_signup(
                self.request,
                user=self.user,
                email_verification=allauth_settings.EmailVerificationMethod.MANDATORY,
                redirect_url=self.get_success_url(),
            )
        except ImmediateHttpResponse as error:
            return error.response

    def get_initial(self) -> dict:
        initial = super().get_initial()
        role = self.request.GET.get("role")
        if role in (User.Role.BUYER, User.Role.VENDOR):
            initial["role"] = role
        return initial

    def get_default_success_url(self) -> str | None:
        if self.user.is_vendor:
            return reverse("wagtailadmin_home")
        return super().get_default_success_url()


signup = SignupView.as_view()


class LoginView(AllauthLoginView):
    """allauth's login; once the failed-login limit is spent the refusal is a
    429 with Retry-After, as from the API login, instead of a 200."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, "too_many_login_attempts"):
            response.status_code = 429
            response["Retry-After"] = str(
                login_retry_after(
                    request=self.request, credentials=form.user_credentials()
                )
            )
        return response


login = LoginView.as_view()
