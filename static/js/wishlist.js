// The wishlist hearts (templates/includes/wishlist_heart.html). Without
// JavaScript a heart is a form that saves the product. Here each heart shows
// the visitor's own state, which session.js reads from the session-state
// endpoint (cached pages are the same for everyone), and toggles it in place.
(function () {
  "use strict";

  function heartShow(form, saved) {
    form.dataset.saved = saved ? "true" : "false";
    form.action = saved ? form.dataset.removeUrl : form.dataset.addUrl;
    const button = form.querySelector("button");
    button.setAttribute("aria-pressed", String(saved));
    button.title = saved ? "Saved: remove from your wishlist" : "Save to your wishlist";
    button.querySelector("i").className = saved ? "bi bi-heart-fill" : "bi bi-heart";
    const label = button.querySelector("[data-wishlist-label]");
    label.textContent = saved ? "Remove from your wishlist" : "Save to your wishlist";
  }

  function heartsShow(productId, saved) {
    document
      .querySelectorAll(`form[data-wishlist-product="${productId}"]`)
      .forEach((form) => heartShow(form, saved));
  }

  document.addEventListener("session:state", (event) => {
    const saved = new Set((event.detail.wishlist_saved || []).map(String));
    document.querySelectorAll("form[data-wishlist-product]").forEach((form) => {
      heartShow(form, saved.has(form.dataset.wishlistProduct));
    });
  });

  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-wishlist-product]");
    if (!form) return;
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((answer) => {
        button.disabled = false;
        if (answer) heartsShow(answer.product, answer.saved);
        else form.submit();
      })
      .catch(() => form.submit());
  });
})();
