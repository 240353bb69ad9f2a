/* Self-assessment, paper entry: typing in a filled-in paper checklist, keyboard first.
 * Type an item id as printed (or its end, when that is unique in the level), Enter, then one
 * key: d done, p in progress, n not started, x not applicable. Focus returns to the id box. */
(function (HA) {
  "use strict";

  var h = HA.h;
  var t = HA.t;
  var KEYS = { d: "done", p: "in-progress", n: "not-started", x: "na" };

  // The level's item a typed id means: the exact id, else the only one ending with it.
  function resolveId(model, levelId, typed) {
    var want = String(typed || "").trim().toLowerCase();
    if (!want) return { error: t("assessment.paper.type_an_id") };
    var items = model.items.filter(function (i) { return i.level === levelId; });
    var exact = items.filter(function (i) { return i.id.toLowerCase() === want; });
    if (exact.length) return { item: exact[0] };
    var ends = items.filter(function (i) { return i.id.toLowerCase().slice(-want.length) === want && i.id.charAt(i.id.length - want.length - 1) === "-"; });
    if (ends.length === 1) return { item: ends[0] };
    if (ends.length > 1) return { error: t("assessment.paper.ambiguous", { typed: typed, count: ends.length }) };
    return { error: t("assessment.paper.no_such_item", { typed: typed }) };
  }

  function PaperView(app) {
    var self = this;
    var model = app.model;
    this.app = app;
    this.level = h("select", { id: "ha-paper-level" }, model.levels.map(function (lv) { return h("option", { value: lv.id }, t("level.title", { number: lv.number, name: lv.name })); }));
    this.ids = h("datalist", { id: "ha-paper-ids" });
    this.idInput = h("input", { type: "text", id: "ha-paper-id", list: "ha-paper-ids", autocomplete: "off", spellcheck: "false" });
    this.keyInput = h("input", { type: "text", id: "ha-paper-key", maxlength: 1, autocomplete: "off", disabled: true });
    this.current = h("p", { class: "ha-paper-current", "aria-live": "polite" });
    this.log = h("ol", { class: "ha-paper-log", reversed: true });
    this.level.addEventListener("change", function () { self.fillIds(); });
    this.idInput.addEventListener("keydown", function (ev) {
      if (ev.key !== "Enter") return;
      ev.preventDefault();
      self.pickId();
    });
    this.keyInput.addEventListener("keydown", function (ev) { self.key(ev); });
    this.el = h("section", { id: "ha-paper", class: "ha-paper", "aria-labelledby": "ha-paper-heading" },
      h("h2", { id: "ha-paper-heading" }, t("assessment.paper.heading")),
      h("p", { class: "ha-hint" }, t("assessment.paper.hint")),
      h("div", { class: "ha-paper-form" },
        h("div", { class: "ha-field" }, h("label", { for: "ha-paper-level" }, t("assessment.paper.level")), this.level),
        h("div", { class: "ha-field" }, h("label", { for: "ha-paper-id" }, t("assessment.paper.item_id")), this.idInput, this.ids),
        h("div", { class: "ha-field ha-paper-keyfield" }, h("label", { for: "ha-paper-key" }, t("assessment.paper.key")), this.keyInput)),
      this.current, this.log);
    this.fillIds();
  }

  PaperView.prototype.fillIds = function () {
    var levelId = this.level.value;
    HA.clear(this.ids);
    HA.append(this.ids, this.app.model.items.filter(function (i) { return i.level === levelId; }).map(function (i) { return h("option", { value: i.id }); }));
  };

  PaperView.prototype.sync = function () {
    this.idInput.disabled = this.level.disabled = this.app.readOnly;
  };

  PaperView.prototype.pickId = function () {
    var r = resolveId(this.app.model, this.level.value, this.idInput.value);
    if (r.error) { this.current.textContent = r.error; this.current.setAttribute("data-state", "error"); return; }
    this.item = r.item;
    this.current.setAttribute("data-state", "item");
    this.current.textContent = t("assessment.paper.current", { id: r.item.id, text: r.item.text,
      status: HA.statusLabel(this.app.model.status(this.app.answers, r.item.id)) });
    this.keyInput.disabled = false;
    this.keyInput.value = "";
    this.keyInput.focus();
  };

  PaperView.prototype.key = function (ev) {
    if (ev.key === "Tab") return;
    ev.preventDefault();
    if (ev.key === "Escape") { this.back(); return; }
    var status = KEYS[String(ev.key).toLowerCase()];
    if (!status || !this.item) { this.current.textContent = t("assessment.paper.keys"); return; }
    this.app.setAnswer(this.item.id, { status: status });
    this.app.refreshItem(this.item.id); // the checklist's controls show the new status too
    this.log.insertBefore(h("li", { "data-item": this.item.id, "data-status": status }, this.item.id + ": " + HA.statusLabel(status)), this.log.firstChild);
    this.back();
  };

  PaperView.prototype.back = function () {
    this.item = null;
    this.keyInput.value = "";
    this.keyInput.disabled = true;
    this.idInput.value = "";
    this.idInput.focus();
  };

  HA.resolveId = resolveId;
  HA.addSection({ id: "ha-paper", title: t("assessment.paper.heading"), order: 25, create: function (app) { return new PaperView(app); } });
})(window.HandbookAssessment = window.HandbookAssessment || {});
