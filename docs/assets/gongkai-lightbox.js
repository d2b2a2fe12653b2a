/* The photo lightbox (GLightbox, vendored) only where there are photos: the page adds this
   script after its content; the library and its styles are fetched once the page has loaded.
   A photo tapped before then opens as soon as they arrive; without script it opens as an image. */
(function () {
  "use strict";
  var script = document.currentScript;
  var vendor = script.src.replace(/[^\/]*$/, "vendor/");
  var options = {
    selector: ".glightbox", touchNavigation: true, draggable: true,
    loop: script.getAttribute("data-loop") === "true", zoomable: script.getAttribute("data-zoomable") === "true",
    openEffect: "zoom", closeEffect: "zoom", slideEffect: "slide"
  };
  var lightbox = null, loading = false, waiting = null;

  function load() {
    if (loading) return;
    loading = true;
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = vendor + "glightbox.min.css";
    document.head.appendChild(style);
    var code = document.createElement("script");
    code.src = vendor + "glightbox.min.js";
    code.onload = function () {
      lightbox = window.GLightbox(options);
      if (waiting !== null) lightbox.openAt(waiting);
    };
    document.body.appendChild(code);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.glightbox") : null;
    if (!link || lightbox) return;
    event.preventDefault();
    waiting = Array.prototype.indexOf.call(document.querySelectorAll("a.glightbox"), link);
    load();
  });
  if (document.readyState === "complete") load();
  else window.addEventListener("load", load);
})();
