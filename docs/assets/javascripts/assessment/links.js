/* Self-assessment, links from an item to its practice page, for http, file:// and .html layouts. */
(function (HA) {
  "use strict";

  // item.url is normally the built page's URL relative to this page ("../levels/x/y/#anchor"),
  // used as it is. A Markdown source path ("levels/x/y.md#anchor", relative to this page's
  // source) is turned into the built URL too. Opened from file://, directory URLs get index.html.
  function pageLinkStyle() {
    var path = location.pathname;
    var file = location.protocol === "file:";
    if (/\/index\.html$/.test(path)) return { prefix: "../", directory: true, indexFile: true };
    if (/\/$/.test(path)) return { prefix: "../", directory: true, indexFile: file };
    if (/\.html$/.test(path)) return { prefix: "", directory: false, indexFile: false };
    return { prefix: "", directory: true, indexFile: false };
  }

  function practiceHref(url, style) {
    url = String(url || "");
    if (!url) return null;
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.charAt(0) === "/" || url.charAt(0) === "\\") {
      return /^https?:\/\//i.test(url) ? url : null;
    }
    var hashAt = url.indexOf("#");
    var path = hashAt < 0 ? url : url.slice(0, hashAt);
    var hash = hashAt < 0 ? "" : url.slice(hashAt);
    if (!/\.md$/.test(path)) {
      if (style.indexFile && /\/$/.test(path)) path += "index.html";
      return path + hash;
    }
    var stem = path.slice(0, -3);
    var isIndex = /(^|\/)(index|README)$/.test(stem);
    if (isIndex) stem = stem.replace(/(^|\/)(index|README)$/, "$1");
    if (!style.directory) path = stem + (isIndex ? "index.html" : ".html");
    else {
      path = stem === "" || /\/$/.test(stem) ? stem : stem + "/";
      if (style.indexFile) path += "index.html";
    }
    return style.prefix + path + hash;
  }

  HA.pageLinkStyle = pageLinkStyle;
  HA.practiceHref = practiceHref;
})(window.HandbookAssessment = window.HandbookAssessment || {});
