/* Self-assessment, evidence per answer: links, who assessed it and when (the note is the item's
 * note field). The editor is built when an item's "Evidence" is opened, so ~600 items stay cheap.
 * Only http(s) addresses become links; anything else is shown as text. */
(function (HA) {
  "use strict";

  var h = HA.h;
  var clear = HA.clear;
  var t = HA.t;

  function splitLinks(text) {
    return String(text || "").split(/\s*\n\s*/).map(function (l) { return l.trim(); }).filter(Boolean);
  }

  function linkList(links) {
    return h("ul", { class: "ha-evidence-links" }, (links || []).map(function (l) {
      return HA.isWebLink(l)
        ? h("li", null, h("a", { href: l, rel: "noopener noreferrer", target: "_blank" }, l))
        : h("li", null, h("span", { class: "ha-not-link" }, l), " " + t("assessment.evidence.not_a_link"));
    }));
  }

  function summaryText(a) {
    if (!a) return t("assessment.evidence.summary");
    var parts = [];
    if (a.links && a.links.length) parts.push(HA.tn("assessment.evidence.links", a.links.length));
    if (a.assessor) parts.push(t("assessment.evidence.by", { name: a.assessor }));
    if (a.date) parts.push(a.date);
    return parts.length ? t("assessment.evidence.summary_of", { parts: parts.join(", ") }) : t("assessment.evidence.summary");
  }

  // Fills an opened <details class="ha-evidence"> of one item.
  function fillEvidence(app, details, id) {
    var a = app.answers[id] || {};
    var ro = app.readOnly;
    var links = h("textarea", { id: HA.domId("links", id), class: "ha-links-input", rows: 2, disabled: ro });
    links.value = (a.links || []).join("\n");
    var assessor = h("input", { type: "text", id: HA.domId("assessor", id), class: "ha-assessor-input", disabled: ro, autocomplete: "name" });
    assessor.value = a.assessor || "";
    var date = h("input", { type: "date", id: HA.domId("date", id), class: "ha-date-input", disabled: ro, max: HA.today() });
    date.value = a.date || "";
    var shown = h("div", { class: "ha-evidence-shown" }, linkList(a.links));
    links.addEventListener("change", function () {
      app.setAnswer(id, { links: splitLinks(links.value) });
      clear(shown);
      shown.appendChild(linkList((app.answers[id] || {}).links));
    });
    assessor.addEventListener("change", function () { app.setAnswer(id, { assessor: assessor.value.trim() }); });
    date.addEventListener("change", function () {
      if (date.value && (!HA.isDate(date.value) || date.value > HA.today())) {
        app.alert(t("assessment.evidence.bad_date", { id: id }));
        date.value = (app.answers[id] || {}).date || "";
        return;
      }
      app.setAnswer(id, { date: date.value });
    });
    clear(details);
    HA.append(details, [
      h("summary", null, summaryText(a)),
      h("div", { class: "ha-field ha-field-wide" }, h("label", { for: links.id }, t("assessment.evidence.links_label"), h("span", { class: "ha-sr" }, " " + t("assessment.evidence.for", { id: id }))), links),
      h("div", { class: "ha-evidence-row" },
        h("div", { class: "ha-field" }, h("label", { for: assessor.id }, t("assessment.evidence.assessor"), h("span", { class: "ha-sr" }, " " + t("assessment.evidence.for", { id: id }))), assessor),
        h("div", { class: "ha-field" }, h("label", { for: date.id }, t("assessment.evidence.date"), h("span", { class: "ha-sr" }, " " + t("assessment.evidence.for", { id: id }))), date)),
      shown
    ]);
  }

  HA.splitLinks = splitLinks;
  HA.fillEvidence = fillEvidence;
  HA.evidenceSummary = summaryText;
})(window.HandbookAssessment = window.HandbookAssessment || {});
