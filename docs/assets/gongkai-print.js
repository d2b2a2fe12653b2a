/* gongkai: printing. Every printed page gets a footer (site name, the page's address, the date printed);
   a board page prints as its wall poster (承诺上墙), whose QR code is drawn here, in the browser, when the
   page is printed: the build draws none (vendor/qrcode-generator, loaded by board pages only). */
(function () {
  "use strict";
  var printing = window.matchMedia ? window.matchMedia("print") : null;

  // The intranet address (mkdocs.yml site_url, as Material's canonical link); without one, a served
  // page's own address. A file:// address opens nothing on a phone, so it is never encoded.
  function address() {
    var canonical = document.querySelector('link[rel="canonical"]');
    if (canonical) return canonical.href;
    return /^https?:$/.test(location.protocol) ? location.href.split("#")[0] : "";
  }
  function siteName() {
    var topic = document.querySelector(".md-header__topic .md-ellipsis");
    return topic ? topic.textContent.trim() : document.title.split(" - ").pop();
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
  }
  function cssString(text) {
    return '"' + text.replace(/[\\"]/g, "\\$&").replace(/\s+/g, " ") + '"';
  }

  function footer() {
    if (document.querySelector(".gk-poster")) return;  // a poster prints its own address and date
    var style = document.getElementById("gk-print-footer");
    if (!style) {
      style = document.createElement("style");
      style.id = "gk-print-footer";
      document.head.appendChild(style);
    }
    var where = [siteName(), address() || location.href.split("#")[0]].join(" · ");
    style.textContent = "@page { @bottom-left { content: " + cssString(where) + "; }" +
      " @bottom-right { content: " + cssString("打印于 " + today() + " · 第 ") + " counter(page) " + cssString(" / ") + " counter(pages) " + cssString(" 页") + "; } }";
  }

  function poster() {
    var sheet = document.querySelector(".gk-poster");
    if (!sheet) return;
    sheet.querySelector("[data-gk-site]").textContent = siteName();
    sheet.querySelector("[data-gk-printed]").textContent = "打印于 " + today() + "。";
    var figure = sheet.querySelector("[data-gk-qr]"), url = address();
    if (!figure || !url || typeof window.qrcode !== "function" || figure.getAttribute("data-gk-qr") === url) return;
    var code = window.qrcode(0, "M");  // the smallest version that holds the address, 15 % error correction
    code.addData(url);
    code.make();
    figure.querySelector(".gk-poster__code").innerHTML = code.createSvgTag({ cellSize: 4, margin: 2, scalable: true });
    figure.querySelector(".gk-poster__url").textContent = url;
    figure.setAttribute("data-gk-qr", url);
    figure.hidden = false;
    sheet.querySelector(".gk-poster__noqr").hidden = true;
  }

  function paper(size) {
    document.documentElement.classList.toggle("gk-a4", size === "a4");
    document.documentElement.classList.toggle("gk-a3", size === "a3");  // overrides an #a4 still in the address
  }

  function prepare() {
    footer();
    poster();
    // 践诺记实 folded away on screen is part of the record on paper.
    document.querySelectorAll("details.gk-progress").forEach(function (d) { d.open = true; });
  }

  window.addEventListener("beforeprint", prepare);
  if (printing) {
    var onChange = function (event) { if (event.matches) prepare(); };
    if (printing.addEventListener) printing.addEventListener("change", onChange);
    else if (printing.addListener) printing.addListener(onChange);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-gk-paper]");
    if (!link) return;
    paper(link.getAttribute("data-gk-paper"));
    prepare();
    window.print();
  });
  function start() {
    if (location.hash === "#a4") paper("a4");
    footer();
    if (printing && printing.matches) prepare();  // opened straight into print preview (or a headless print)
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
