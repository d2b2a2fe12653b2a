/* Filters for the organization directory and the pledge boards.
   Plain script over data-* attributes: works from file:// and with no network. */
(function () {
  "use strict";

  function matches(element, wanted) {
    return Object.keys(wanted).every(function (name) {
      var value = wanted[name].value;
      if (!value) return true;
      var have = element.getAttribute("data-" + name) || "";
      // A typed box finds part of a name; a choice must be one of the item's words.
      return wanted[name].contains ? have.indexOf(value) !== -1 : have.split(" ").indexOf(value) !== -1;
    });
  }

  function apply(form) {
    var target = document.querySelector(form.getAttribute("data-filter-target"));
    if (!target) return;
    var wanted = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name) wanted[field.name] = { value: field.value.trim(), contains: field.hasAttribute("data-contains") };
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
    // A group (a 党总支 and its branches) with nothing left to show goes too.
    Array.prototype.forEach.call(target.querySelectorAll("[data-filter-group]"), function (group) {
      group.hidden = !group.querySelector("[data-" + Object.keys(wanted)[0] + "]:not([hidden])");
    });
    var count = form.querySelector(".gk-filters__count");
    if (count) count.textContent = "显示 " + shown + " / " + items.length;
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form.gk-filters"), function (form) {
      form.addEventListener("change", function () { apply(form); });
      form.addEventListener("input", function () { apply(form); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      apply(form);
    });
  }

  // Material's instant navigation swaps pages without a load event.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState !== "loading") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
