"""Everything under /api/ answers JSON, also what Django answers before (or
instead of) a DRF view: an unknown path, a method a plain view refuses, an
upload that is too large, a server error."""

from http import HTTPStatus

from django.http import JsonResponse

API_PREFIX = "/api/"
# Headers of the original answer that describe its body, which is replaced; the
# rest (Allow, Retry-After, the security headers) are kept.
BODY_HEADERS = ("Content-Type", "Content-Length", "Content-Language")
MESSAGES = {
    404: "Not found.",
    405: "Method not allowed.",
    500: "A server error occurred.",
}


def _is_json(response) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip().endswith("json")


def _message(status: int) -> str:
    try:
        return MESSAGES.get(status) or f"{HTTPStatus(status).phrase}."
    except ValueError:
        return "The request failed."


class APIJSONErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path_info.startswith(API_PREFIX)
            and response.status_code >= 400
            and not _is_json(response)
        ):
            json_response = JsonResponse(
                {"detail": _message(response.status_code)},
                status=response.status_code,
            )
            for header, value in response.items():
                if header not in BODY_HEADERS:
                    json_response[header] = value
            return json_response
        return response
