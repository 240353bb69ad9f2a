/* The Print buttons of the checklist and training pages. A listener instead of an inline
 * onclick: the served site's Content-Security-Policy runs no inline event handler.
 *
 * A checklist in parts (a level's, a dimension's or a role's checklist, a workshop pack) prints
 * whole: before printing, the articles of its part pages (listed in #hb-part-pages) go into its
 * .hb-parts element, each after a page break (a sheet break in a workshop pack), as macros/pdf.py
 * does for the PDFs. Opened from file://, where fetch() fails, the page prints as it is. */
(function () {
  // The one rule for putting the parts into the page: macros/pdf.py calls it too (HandbookPrint.insertParts).
  function insertParts(at, articles) {
    var breaks = at.classList.contains("hb-sheets") ? "hb-page-break hb-sheet-break" : "hb-page-break";
    at.textContent = "";
    articles.forEach(function (html) {
      at.insertAdjacentHTML("beforeend", '<div class="' + breaks + '"></div>' + html);
    });
  }

  function article(html) {
    var found = new DOMParser().parseFromString(html, "text/html").querySelector("article");
    if (!found) throw new Error("no article");
    return found.innerHTML;
  }

  function printWhole() {
    var at = document.querySelector(".hb-parts");
    var pages = document.getElementById("hb-part-pages");
    if (!at || !pages || at.childElementCount) return window.print();
    var urls = Array.prototype.map.call(pages.children, function (part) { return part.getAttribute("data-href"); });
    Promise.all(urls.map(function (url) {
      return fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      });
    })).then(function (found) {
      insertParts(at, found.map(article));
      window.print();
    }, function () { window.print(); });
  }

  window.HandbookPrint = { insertParts: insertParts };

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.hb-print");
    if (button) printWhole();
  });
})();
