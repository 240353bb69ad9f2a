/* Self-assessment, expiry: an answer older than its time-to-live (the item's ttl_months, else the
 * model's answer_ttl_months) asks to be re-validated. The Review section lists the answers that
 * have expired or expire within SOON_DAYS days; it is part of the printed report. */
(function (HA) {
  "use strict";

  var h = HA.h;
  var t = HA.t;
  var tn = HA.tn;
  var SOON_DAYS = 60;
  var DAY = 86400000;

  // "2026-01-31" + 1 month -> "2026-02-28": the day is clamped to the end of a shorter month.
  function addMonths(date, months) {
    var y = Number(date.slice(0, 4)), m = Number(date.slice(5, 7)) - 1 + months, d = Number(date.slice(8, 10));
    y += Math.floor(m / 12);
    m = ((m % 12) + 12) % 12;
    var last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return new Date(Date.UTC(y, m, Math.min(d, last))).toISOString().slice(0, 10);
  }

  function daysBetween(from, to) {
    return Math.round((Date.parse(to + "T00:00:00Z") - Date.parse(from + "T00:00:00Z")) / DAY);
  }

  // {expires, days (from today, negative when past), state: "expired" | "soon" | "ok"} or null (no date).
  function expiryOf(model, id, answer, today) {
    if (!answer || !answer.date || answer.status === "not-started") return null;
    var expires = addMonths(answer.date, model.ttlMonths(model.byId[id]));
    var days = daysBetween(today, expires);
    return { expires: expires, days: days, state: days <= 0 ? "expired" : days <= SOON_DAYS ? "soon" : "ok" };
  }

  function reviewList(model, answers, today) {
    var out = [];
    model.items.forEach(function (item) {
      var e = expiryOf(model, item.id, answers[item.id], today);
      if (e && e.state !== "ok") out.push({ item: item, answer: answers[item.id], expiry: e });
    });
    return out.sort(function (a, b) { return a.expiry.days - b.expiry.days; });
  }

  function ReviewView(app) {
    this.app = app;
    this.body = h("div", { class: "ha-review-list" });
    this.el = h("section", { id: "ha-review", class: "ha-review", "aria-labelledby": "ha-review-heading" },
      h("h2", { id: "ha-review-heading" }, t("assessment.expiry.heading")),
      h("p", { class: "ha-hint" }, t("assessment.expiry.hint", { months: app.model.ttlDefault, days: SOON_DAYS })),
      this.body);
  }

  ReviewView.prototype.render = function () {
    var app = this.app;
    var list = reviewList(app.model, app.answers, HA.today());
    HA.clear(this.body);
    if (!list.length) { this.body.appendChild(h("p", null, t("assessment.expiry.nothing"))); return; }
    this.body.appendChild(h("table", { class: "ha-table", id: "ha-review-table" },
      h("thead", null, h("tr", null, [t("column.item"), t("assessment.checklist.status"), t("assessment.expiry.assessed"), t("assessment.expiry.expires"), ""]
        .map(function (label) { return h("th", { scope: "col" }, label); }))),
      h("tbody", null, list.map(function (x) {
        var e = x.expiry;
        return h("tr", { "data-item": x.item.id, "data-state": e.state, "data-expires": e.expires },
          h("td", null, h("code", { class: "ha-id" }, x.item.id), " ", HA.prose(x.item.text)),
          h("td", null, HA.statusLabel(x.answer.status)),
          h("td", null, x.answer.date),
          h("td", null, e.expires),
          h("td", { class: "ha-review-state" }, e.state === "expired"
            ? (e.days ? tn("assessment.expiry.expired_ago", -e.days) : t("assessment.expiry.expired_today"))
            : tn("assessment.expiry.expires_in", e.days)));
      }))));
  };

  HA.addMonths = addMonths;
  HA.expiryOf = expiryOf;
  HA.reviewList = reviewList;
  HA.addSection({ id: "ha-review", title: t("assessment.expiry.heading"), order: 14, create: function (app) { return new ReviewView(app); } });
})(window.HandbookAssessment = window.HandbookAssessment || {});
