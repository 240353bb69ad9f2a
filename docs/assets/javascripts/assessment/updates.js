/* Self-assessment, model updates: answers made against another data version are all kept; the
 * items added, removed and reworded since then are listed, and only those are asked again here.
 * "Mark as reviewed" moves the answers to this page's data version. */
(function (HA) {
  "use strict";

  var h = HA.h;
  var t = HA.t;

  function UpdatesView(app) {
    this.app = app;
    this.body = h("div");
    this.el = h("section", { id: "ha-updates", class: "ha-updates", "aria-labelledby": "ha-updates-heading", hidden: true },
      h("h2", { id: "ha-updates-heading" }, t("assessment.updates.heading")), this.body);
  }

  UpdatesView.prototype.itemRow = function (item) {
    var app = this.app;
    var select = h("select", { id: HA.domId("recheck", item.id), class: "ha-recheck-select", "data-item": item.id, disabled: app.readOnly },
      HA.STATUSES.map(function (st) { return h("option", { value: st }, HA.statusLabel(st)); }));
    select.value = app.model.status(app.answers, item.id);
    select.addEventListener("change", function () { app.setAnswer(item.id, { status: select.value }); app.refreshItem(item.id); });
    return h("li", { "data-item": item.id },
      h("code", { class: "ha-id" }, item.id), " ", HA.prose(item.text), " ",
      h("label", { for: select.id, class: "ha-sr" }, t("assessment.updates.status_of", { id: item.id })), select);
  };

  UpdatesView.prototype.sync = function () {
    var self = this;
    var app = this.app;
    var base = app.baseline;
    HA.clear(this.body);
    this.el.hidden = !base;
    if (!base) return;
    var intro = h("p", null, t("assessment.updates.intro", { then: base.dataVersion, now: app.model.data.data_version }));
    if (!base.fingerprints) {
      var unknown = app.model.unknownIds(app.answers);
      HA.append(this.body, [intro, h("p", { id: "ha-updates-summary" }, t("assessment.updates.no_fingerprints") +
        (unknown.length ? "; " + HA.orphanText(unknown) : ".")), this.doneButton()]);
      return;
    }
    var ch = app.model.changesSince(base.fingerprints);
    var byId = app.model.byId;
    HA.append(this.body, [
      intro,
      h("p", { id: "ha-updates-summary" }, HA.tn("assessment.updates.summary", ch.added.length, { removed: ch.removed.length, reworded: ch.reworded.length })),
      ch.reworded.length ? [h("h3", null, t("assessment.updates.reworded")), h("ul", { class: "ha-updates-reworded" }, ch.reworded.map(function (id) { return self.itemRow(byId[id]); }))] : null,
      ch.added.length ? [h("h3", null, t("assessment.updates.added")), h("ul", { class: "ha-updates-added" }, ch.added.map(function (id) { return self.itemRow(byId[id]); }))] : null,
      ch.removed.length ? [h("h3", null, t("assessment.updates.removed")), h("p", null, t("assessment.updates.removed_kept") + " "),
        h("ul", { class: "ha-updates-removed" }, ch.removed.map(function (id) { return h("li", { "data-item": id }, h("code", null, id)); }))] : null,
      this.doneButton()
    ]);
  };

  UpdatesView.prototype.doneButton = function () {
    var app = this.app;
    return h("button", { type: "button", class: "md-button", id: "ha-updates-done", disabled: app.readOnly, onclick: function () {
      app.update({ baseline: null });
      app.message(t("assessment.updates.reviewed", { version: app.model.data.data_version }));
    } }, t("assessment.updates.mark_reviewed"));
  };

  HA.addSection({ id: "ha-updates", title: t("assessment.updates.title"), order: 5, jump: false, create: function (app) { return new UpdatesView(app); } });
})(window.HandbookAssessment = window.HandbookAssessment || {});
