/* The Print buttons of the checklist and training pages. A listener instead of an inline
 * onclick: the served site's Content-Security-Policy runs no inline event handler. */
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("button.hb-print");
  if (button) window.print();
});
