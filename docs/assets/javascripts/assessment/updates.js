/* Self-assessment, model updates: answers made against another data version are all kept; the
 * items added, removed and reworded since then are listed, and only those are asked again here.
 * "Mark as reviewed" moves the answers to this page's data version. */
(function (HA) {
  "use strict";

  var h = HA.h;

  function UpdatesView(app) {
    this.app = app;
    this.body = h("div");
    this.el = h("section", { id: "ha-updates", class: "ha-updates", "aria-labelledby": "ha-updates-heading", hidden: true },
      h("h2", { id: "ha-updates-heading" }, "The handbook changed since these answers"), this.body);
  }

  UpdatesView.prototype.itemRow = function (item) {
    var app = this.app;
    var select = h("select", { id: HA.domId("recheck", item.id), class: "ha-recheck-select", "data-item": item.id, disabled: app.readOnly },
      HA.STATUSES.map(function (st) { return h("option", { value: st }, HA.STATUS_LABELS[st]); }));
    select.value = app.model.status(app.answers, item.id);
    select.addEventListener("change", function () { app.setAnswer(item.id, { status: select.value }); app.refreshItem(item.id); });
    return h("li", { "data-item": item.id },
      h("code", { class: "ha-id" }, item.id), " ", HA.prose(item.text), " ",
      h("label", { for: select.id, class: "ha-sr" }, "Status of " + item.id + " (asked again)"), select);
  };

  UpdatesView.prototype.sync = function () {
    var self = this;
    var app = this.app;
    var base = app.baseline;
    HA.clear(this.body);
    this.el.hidden = !base;
    if (!base) return;
    var intro = h("p", null, "These answers were made against data version " + base.dataVersion + " of the handbook; this page is version " +
      app.model.data.data_version + ". Every answer is kept.");
    if (!base.fingerprints) {
      var unknown = app.model.unknownIds(app.answers);
      HA.append(this.body, [intro, h("p", { id: "ha-updates-summary" }, "The answers file is older than item fingerprints, so added and reworded items cannot be listed" +
        (unknown.length ? "; " + HA.orphanText(unknown) : ".")), this.doneButton()]);
      return;
    }
    var ch = app.model.changesSince(base.fingerprints);
    var byId = app.model.byId;
    HA.append(this.body, [
      intro,
      h("p", { id: "ha-updates-summary" }, HA.plural(ch.added.length, "item", "items") + " added, " + ch.removed.length + " removed, " +
        ch.reworded.length + " reworded. Please answer the added and reworded items again:"),
      ch.reworded.length ? [h("h3", null, "Reworded"), h("ul", { class: "ha-updates-reworded" }, ch.reworded.map(function (id) { return self.itemRow(byId[id]); }))] : null,
      ch.added.length ? [h("h3", null, "Added"), h("ul", { class: "ha-updates-added" }, ch.added.map(function (id) { return self.itemRow(byId[id]); }))] : null,
      ch.removed.length ? [h("h3", null, "Removed"), h("p", null, "Answers for these items are kept (in this browser and in exports): "),
        h("ul", { class: "ha-updates-removed" }, ch.removed.map(function (id) { return h("li", { "data-item": id }, h("code", null, id)); }))] : null,
      this.doneButton()
    ]);
  };

  UpdatesView.prototype.doneButton = function () {
    var app = this.app;
    return h("button", { type: "button", class: "md-button", id: "ha-updates-done", disabled: app.readOnly, onclick: function () {
      app.update({ baseline: null });
      app.message("The answers now count as made against data version " + app.model.data.data_version + ".");
    } }, "Mark the changes as reviewed");
  };

  HA.addSection({ id: "ha-updates", title: "Changes", order: 5, jump: false, create: function (app) { return new UpdatesView(app); } });
})(window.HandbookAssessment = window.HandbookAssessment || {});
