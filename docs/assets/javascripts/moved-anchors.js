/* A role's, a dimension's and a level's checklist were one page each; now each is an overview of
 * its parts (one page per level or dimension). An old bookmark to a row or a heading of the one-page
 * checklist (#l3-ppl-..., #3-scale-technology) arrives at the overview: send it on to the part that
 * holds the anchor. The overview lists each part's items and heading prefix in #hb-part-pages. */
(function () {
  var moved = document.getElementById("hb-part-pages");
  var anchor = decodeURIComponent(location.hash.slice(1));
  if (!moved || !anchor || document.getElementById(anchor)) return;
  var parts = moved.children;
  for (var i = 0; i < parts.length; i++) {
    var prefix = parts[i].getAttribute("data-prefix");
    var items = parts[i].getAttribute("data-items").split(" ");
    if (anchor === prefix) {
      location.replace(parts[i].getAttribute("data-href"));
      return;
    }
    if (items.indexOf(anchor) >= 0 || anchor.indexOf(prefix + "-") === 0) {
      location.replace(parts[i].getAttribute("data-href") + "#" + encodeURIComponent(anchor));
      return;
    }
  }
})();
