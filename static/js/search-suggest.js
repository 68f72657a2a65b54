// Suggestions under the header's search box: the ARIA 1.2 combobox pattern
// (a listbox popup, aria-activedescendant, a polite status with the count).
// Arrows move through the suggestions, Enter opens the highlighted one (or
// submits the search when none is), Escape closes the list, then clears the box.
// Suggestions come from the public API (/api/search/suggest/); without
// JavaScript the box is a plain form that submits to the search page.
(function () {
  "use strict";

  const MIN_LENGTH = 2;
  const DELAY_MS = 150;

  function setUp(input) {
    const form = input.form;
    const listbox = document.getElementById(input.getAttribute("aria-controls"));
    const status = form.querySelector("[data-suggest-status]");
    if (!listbox || !status) return;
    const answers = new Map();
    const money = new Intl.NumberFormat(document.documentElement.lang || "en", {
      style: "currency",
      currency: input.dataset.currency || "USD",
    });
    let options = [];
    let active = -1;
    let timer = null;
    let controller = null;
    let shownQuery = "";

    function optionSet(index) {
      options.forEach((option, i) => {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
        option.classList.toggle("active", i === index);
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      optionSet(-1);
    }

    function open() {
      if (!options.length) return;
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function optionMake(item, kind, index) {
      const option = document.createElement("li");
      option.id = `${listbox.id}-${kind}-${item.id}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.className = "suggest-option d-flex align-items-center gap-2 px-3 py-2";
      option.dataset.url = item.url;
      if (kind === "product") {
        const picture = document.createElement("span");
        picture.className = "suggest-thumb flex-shrink-0 bg-body-tertiary rounded";
        if (item.thumbnail) {
          const image = document.createElement("img");
          image.src = item.thumbnail;
          image.alt = "";
          image.width = 48;
          image.height = 36;
          picture.append(image);
        }
        option.append(picture);
      } else {
        const icon = document.createElement("i");
        icon.className = "bi bi-shop text-body-secondary flex-shrink-0";
        icon.setAttribute("aria-hidden", "true");
        option.append(icon);
      }
      const name = document.createElement("span");
      name.className = "flex-grow-1 text-truncate";
      name.textContent = item.name;
      option.append(name);
      if (kind === "product") {
        const price = document.createElement("span");
        price.className = "text-body-secondary small";
        price.textContent = money.format(Number(item.price));
        option.append(price);
      }
      option.addEventListener("mousedown", (event) => event.preventDefault());
      option.addEventListener("click", () => window.location.assign(item.url));
      option.addEventListener("mousemove", () => {
        if (active !== index) optionSet(index);
      });
      return option;
    }

    // The APG's grouped listbox: each group names itself with its first,
    // presentational item.
    function groupMake(label, items, kind) {
      const group = document.createElement("ul");
      group.setAttribute("role", "group");
      group.className = "list-unstyled mb-0";
      const heading = document.createElement("li");
      heading.id = `${listbox.id}-${kind}-label`;
      heading.setAttribute("role", "presentation");
      heading.className = "suggest-group px-3 pt-2 pb-1 small text-uppercase text-body-secondary";
      heading.textContent = label;
      group.setAttribute("aria-labelledby", heading.id);
      group.append(heading);
      items.forEach((item) => {
        const option = optionMake(item, kind, options.length);
        options.push(option);
        group.append(option);
      });
      return group;
    }

    function show(answer) {
      options = [];
      active = -1;
      listbox.replaceChildren();
      if (answer.products.length) {
        listbox.append(groupMake("Products", answer.products, "product"));
      }
      if (answer.stores.length) {
        listbox.append(groupMake("Stores", answer.stores, "store"));
      }
      shownQuery = answer.query;
      const count = options.length;
      status.textContent =
        count === 0
          ? "No suggestions."
          : `${count} suggestion${count === 1 ? "" : "s"}. Use the up and down arrows to choose.`;
      if (count) {
        open();
      } else {
        close();
      }
      optionSet(-1);
    }

    async function fetchAnswer(query) {
      if (answers.has(query)) return answers.get(query);
      if (controller) controller.abort();
      controller = new AbortController();
      const url = `${input.dataset.suggestUrl}?${new URLSearchParams({ q: query })}`;
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "omit",
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`suggest: ${response.status}`);
      const answer = await response.json();
      answers.set(query, answer);
      return answer;
    }

    async function update() {
      const query = input.value.trim();
      if (query.length < MIN_LENGTH) {
        listbox.replaceChildren();
        options = [];
        status.textContent = "";
        close();
        return;
      }
      if (query === shownQuery && options.length) {
        open();
        return;
      }
      try {
        const answer = await fetchAnswer(query);
        if (input.value.trim() === query) show(answer);
      } catch (error) {
        if (error.name !== "AbortError") close();
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(update, DELAY_MS);
    });
    input.addEventListener("focus", () => {
      if (options.length && input.value.trim() === shownQuery) open();
    });
    input.addEventListener("blur", close);
    input.addEventListener("keydown", (event) => {
      const expanded = !listbox.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!expanded) {
          open();
          if (!options.length) update();
          return;
        }
        optionSet(active + 1 < options.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (!expanded) {
          open();
          return;
        }
        optionSet(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter") {
        if (expanded && active >= 0) {
          event.preventDefault();
          window.location.assign(options[active].dataset.url);
        }
      } else if (event.key === "Escape") {
        if (expanded) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          status.textContent = "";
        }
      } else if (event.key === "Home" || event.key === "End") {
        optionSet(-1);
      }
    });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(setUp);
})();
