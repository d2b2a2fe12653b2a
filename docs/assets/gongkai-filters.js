/* Filters for the organization directory and the pledge boards.
   Plain script over data-* attributes: works from file:// and with no network. */
(function () {
  "use strict";

  function matches(element, wanted) {
    return Object.keys(wanted).every(function (name) {
      var value = wanted[name];
      if (!value) return true;
      var have = (element.getAttribute("data-" + name) || "").split(" ");
      return have.indexOf(value) !== -1;
    });
  }

  function apply(form) {
    var target = document.querySelector(form.getAttribute("data-filter-target"));
    if (!target) return;
    var wanted = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name) wanted[field.name] = field.value;
    });
    var items = target.querySelectorAll("[data-" + Object.keys(wanted)[0] + "]");
    var shown = 0;
    // A tree shows an item if it or any descendant matches, so a match keeps its path.
    Array.prototype.forEach.call(items, function (item) { item.hidden = true; });
    Array.prototype.forEach.call(items, function (item) {
      if (!matches(item, wanted)) return;
      shown += 1;
      for (var node = item; node && node !== target; node = node.parentElement) node.hidden = false;
    });
    var count = form.querySelector(".gk-filters__count");
    if (count) count.textContent = "显示 " + shown + " / " + items.length;
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form.gk-filters"), function (form) {
      form.addEventListener("change", function () { apply(form); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      apply(form);
    });
  }

  // Material's instant navigation swaps pages without a load event.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState !== "loading") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
