// The visitor's own bits of a cached page (the same HTML for everyone): the cart
// count, the notifications bell, the user menu, messages, CSRF tokens for the
// page's forms and, on a product page, the visitor's review form. One request to
// the session-state endpoint (pagecache.views.session_state); without JavaScript
// the page still works (see the README's "Caching" section).
(function () {
  "use strict";

  const script = document.currentScript;
  const productSection = document.querySelector("[data-session-product]");
  const reviewIds = Array.from(
    document.querySelectorAll("[data-review-id]"),
    (article) => article.dataset.reviewId,
  );

  function formsTokenFill(root, token) {
    root.querySelectorAll('form[method="post" i]').forEach((form) => {
      let input = form.querySelector('input[name="csrfmiddlewaretoken"]');
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = "csrfmiddlewaretoken";
        form.prepend(input);
      }
      input.value = token;
    });
  }

  function cartCountShow(count) {
    const badge = document.querySelector("[data-cart-count]");
    if (!badge) return;
    badge.textContent = String(count);
    const hint = document.createElement("span");
    hint.className = "visually-hidden";
    hint.textContent = count === 1 ? " item" : " items";
    badge.append(hint);
    badge.classList.toggle("text-bg-primary", count > 0);
    badge.classList.toggle("text-bg-light", count === 0);
    badge.classList.toggle("border", count === 0);
    badge.hidden = false;
  }

  function notificationsShow(isAuthenticated, unread) {
    const bell = document.querySelector("[data-notifications-bell]");
    if (!bell) return;
    bell.hidden = !isAuthenticated;
    const badge = bell.querySelector("[data-notifications-unread]");
    badge.textContent = String(unread);
    const hint = document.createElement("span");
    hint.className = "visually-hidden";
    hint.textContent = " unread";
    badge.append(hint);
    badge.hidden = unread === 0;
  }

  function messagesShow(messages) {
    const box = document.querySelector("[data-session-messages]");
    if (!box) return;
    messages.forEach((message) => {
      const level = message.level === "error" ? "danger" : message.level;
      const alert = document.createElement("div");
      alert.className = `alert alert-${level} alert-dismissible fade show mt-3`;
      alert.textContent = message.text;
      const close = document.createElement("button");
      close.type = "button";
      close.className = "btn-close";
      close.dataset.bsDismiss = "alert";
      close.setAttribute("aria-label", "Close");
      alert.append(close);
      box.append(alert);
    });
  }

  function reviewsShow(product) {
    const slot = document.querySelector("[data-review-form]");
    if (slot) slot.innerHTML = product.review_form_html;
    if (product.is_product_vendor) {
      document
        .querySelectorAll('[data-session-show="product-vendor"]')
        .forEach((element) => (element.hidden = false));
    }
    const reported = new Set(product.reported_review_ids.map(String));
    document.querySelectorAll("[data-review-id]").forEach((article) => {
      const id = article.dataset.reviewId;
      if (id === String(product.own_review_id)) return;
      const isReported = reported.has(id);
      article.querySelector("[data-review-reported]").hidden = !isReported;
      article.querySelector("[data-review-report]").hidden = isReported;
    });
  }

  function stateApply(state) {
    const menu = document.querySelector("[data-user-menu]");
    if (menu) menu.innerHTML = state.user_menu_html;
    document
      .querySelectorAll('[data-session-show="anonymous"]')
      .forEach((element) => (element.hidden = state.is_authenticated));
    cartCountShow(state.cart_count);
    notificationsShow(state.is_authenticated, state.notifications_unread);
    messagesShow(state.messages);
    if (state.product) reviewsShow(state.product);
    formsTokenFill(document, state.csrf_token);
    // The wishlist hearts (wishlist.js) and anything else per visitor.
    document.dispatchEvent(new CustomEvent("session:state", { detail: state }));
    document.documentElement.dataset.sessionState = "ready";
  }

  const params = new URLSearchParams();
  const savedIds = Array.from(
    new Set(
      Array.from(
        document.querySelectorAll("[data-wishlist-product]"),
        (form) => form.dataset.wishlistProduct,
      ),
    ),
  );
  if (savedIds.length) params.set("saved", savedIds.join(","));
  if (productSection) {
    params.set("product", productSection.dataset.sessionProduct);
    if (reviewIds.length) params.set("reviews", reviewIds.join(","));
  }
  fetch(`${script.dataset.url}?${params}`, {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  })
    .then((response) => (response.ok ? response.json() : null))
    .then((state) => state && stateApply(state));
})();
