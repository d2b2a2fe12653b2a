/* Kiosk behaviour: after a quiet spell a notice, then the home page; on the
   home page an attract slideshow of recent photos and commendations until
   someone touches the screen. Works from file:// with no network. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="gk-kiosk"]');
  if (!meta) return;
  var parts = meta.getAttribute("content").split(" ").map(Number);
  var idle = parts[0] * 1000, notice = parts[1] * 1000, slideEvery = parts[2] * 1000;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var home = new URL(config.base + "/index.html", location.href).href;
  var onHome = location.href.split("#")[0] === home;
  var timer = null, ticker = null, overlay = null;

  function resetVisit() {
    // What a visitor could leave behind: an open search with its words, filters set, an open
    // lightbox or menu, a scrolled page.
    if (window.gkSearch && window.gkSearch.reset) window.gkSearch.reset();
    Array.prototype.forEach.call(document.querySelectorAll("form.gk-filters"), function (form) {
      form.reset();
      form.dispatchEvent(new Event("change"));  // gongkai-filters.js shows every row again
    });
    var close = document.querySelector(".glightbox-container .gclose");
    if (close) close.click();
    var drawer = document.getElementById("__drawer");
    if (drawer) drawer.checked = false;
    window.scrollTo(0, 0);
  }

  function showNotice() {
    resetVisit();
    if (onHome) { startAttract(); return; }
    overlay = document.createElement("div");
    overlay.className = "gk-kiosk-notice";
    overlay.setAttribute("role", "alertdialog");
    var box = document.createElement("div");
    overlay.appendChild(box);
    var left = Math.round(notice / 1000);
    var paint = function () { box.textContent = "较长时间无人操作，" + left + " 秒后返回首页。轻触屏幕继续浏览。"; };
    paint();
    document.body.appendChild(overlay);
    ticker = setInterval(function () {
      left -= 1;
      if (left <= 0) { clearInterval(ticker); location.href = home + "#attract"; } else { paint(); }
    }, 1000);
  }

  function startAttract() {
    var source = document.getElementById("gk-attract");
    if (!source || !source.querySelector("figure, .gk-slide-text")) return;
    var slides = Array.prototype.slice.call(source.querySelectorAll("figure, .gk-slide-text"));
    var index = 0;
    source.hidden = false;
    slides.forEach(function (slide, i) { slide.hidden = i !== 0; });
    ticker = setInterval(function () {
      slides[index].hidden = true;
      index = (index + 1) % slides.length;
      slides[index].hidden = false;
    }, slideEvery);
    overlay = source;
  }

  function wake() {
    if (ticker) { clearInterval(ticker); ticker = null; }
    if (overlay) {
      if (overlay.id === "gk-attract") overlay.hidden = true; else overlay.remove();
      overlay = null;
      if (location.hash === "#attract") history.replaceState(null, "", location.href.split("#")[0]);
    }
    clearTimeout(timer);
    timer = setTimeout(showNotice, idle);
  }

  ["pointerdown", "touchstart", "keydown", "wheel", "scroll"].forEach(function (name) {
    window.addEventListener(name, wake, { passive: true, capture: true });
  });
  // No downloads on a kiosk (the open-data CSV/JSON links): a file saved onto the hall's screen helps no one.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (link && (link.hasAttribute("download") || /\.(csv|json|xlsx?|zip|xml)([?#]|$)/i.test(link.getAttribute("href")))) event.preventDefault();
  }, true);
  // Long-press menus would stall a kiosk: keep them off everywhere but text fields.
  window.addEventListener("contextmenu", function (event) {
    if (!/INPUT|TEXTAREA/.test(event.target.tagName)) event.preventDefault();
  });
  if (onHome && location.hash === "#attract") startAttract();
  timer = setTimeout(showNotice, idle);
})();
