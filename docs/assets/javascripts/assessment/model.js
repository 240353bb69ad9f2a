/* Self-assessment, the data model and the scoring rule: plain functions over the page's data.
 *
 * Result rule: in each dimension the achieved level is the highest level L such that every
 * level 1..L has done / applicable >= threshold (applicable = items not marked not applicable;
 * a level with no applicable item counts as met).
 */
(function (HA) {
  "use strict";

  var has = HA.has;
  var STATUSES = ["not-started", "in-progress", "done", "na"];

  // A status's and a priority's words, from the catalogue: "in-progress" -> "In progress".
  function statusLabel(status) {
    return HA.t("assessment.status." + String(status).replace(/-/g, "_"));
  }

  function priorityLabel(priority) {
    return HA.t("assessment.priority." + priority);
  }
  var PRIORITY_RANK = { high: 0, medium: 1, low: 2 };

  function percent(done, applicable) {
    return applicable ? Math.floor((done * 100) / applicable) : 100;
  }

  function Model(data) {
    var self = this;
    this.data = data;
    this.schema = typeof data.schema === "number" ? data.schema : 1;
    this.threshold = typeof data.threshold === "number" ? data.threshold : 80;
    this.levels = (data.levels || []).slice().sort(function (a, b) { return a.number - b.number; });
    this.dimensions = data.dimensions || [];
    this.roles = data.roles || [];
    this.items = data.items || [];
    this.maxLevel = this.levels.length ? this.levels[this.levels.length - 1].number : 0;
    this.byId = {};
    this.cells = {}; // level id -> dimension id -> [items]
    this.levels.forEach(function (lv) {
      self.cells[lv.id] = {};
      self.dimensions.forEach(function (d) { self.cells[lv.id][d.id] = []; });
    });
    this.items.forEach(function (item) {
      self.byId[item.id] = item;
      if (self.cells[item.level] && self.cells[item.level][item.dimension]) self.cells[item.level][item.dimension].push(item);
    });
    this.roleNames = {};
    this.roles.forEach(function (r) { self.roleNames[r.id] = r.name; });
    this.levelsById = {};
    this.levels.forEach(function (lv) { self.levelsById[lv.id] = lv; });
    // The storage key stays the same across record schema versions: the record names its own.
    this.key = "handbook-assessment:" + HA.slug(data.handbook) + ":" + (data.variant || "base") + ":v1";
    this.ttlDefault = typeof data.answer_ttl_months === "number" ? data.answer_ttl_months : 12;
    this.evidenceOnly = false; // the result counts only "done" items with a link or a note (set by the app)
  }

  // Evidence: at least one link or a note.
  function hasEvidence(a) {
    return !!(a && ((a.links && a.links.length) || a.note));
  }

  Model.prototype.isDone = function (answers, id) {
    var a = answers[id];
    return !!a && a.status === "done" && (!this.evidenceOnly || hasEvidence(a));
  };

  Model.prototype.ttlMonths = function (item) {
    return item && typeof item.ttl_months === "number" ? item.ttl_months : this.ttlDefault;
  };

  Model.prototype.fingerprints = function () {
    var out = {};
    this.items.forEach(function (item) { out[item.id] = item.fp || ""; });
    return out;
  };

  // Items added, removed and reworded since the item fingerprints an answers record was made against.
  Model.prototype.changesSince = function (fingerprints) {
    var self = this;
    var added = [], reworded = [];
    this.items.forEach(function (item) {
      if (!has(fingerprints, item.id)) added.push(item.id);
      else if (fingerprints[item.id] !== (item.fp || "")) reworded.push(item.id);
    });
    var removed = Object.keys(fingerprints).filter(function (id) { return !has(self.byId, id); });
    return { added: added, removed: removed, reworded: reworded };
  };

  Model.prototype.status = function (answers, id) {
    var a = answers[id];
    return a && STATUSES.indexOf(a.status) >= 0 ? a.status : "not-started";
  };

  Model.prototype.cellCounts = function (answers, levelId, dimensionId) {
    var self = this;
    var counts = { total: 0, done: 0, applicable: 0, na: 0 };
    (this.cells[levelId] && this.cells[levelId][dimensionId] || []).forEach(function (item) {
      var st = self.status(answers, item.id);
      counts.total++;
      if (st === "na") { counts.na++; return; }
      counts.applicable++;
      if (self.isDone(answers, item.id)) counts.done++;
    });
    // Integer arithmetic: exactly at the threshold counts as met, no rounding surprises.
    counts.met = counts.applicable === 0 || counts.done * 100 >= this.threshold * counts.applicable;
    return counts;
  };

  // {level (number, 0 = none), next (level object or null), done, applicable, progress (percent or null), perLevel}
  Model.prototype.dimensionResult = function (answers, dimensionId) {
    var self = this;
    var result = { dimension: dimensionId, level: 0, next: null, done: 0, applicable: 0, progress: null, perLevel: {} };
    this.levels.forEach(function (lv) {
      var counts = self.cellCounts(answers, lv.id, dimensionId);
      result.perLevel[lv.id] = counts;
      if (result.next) return;
      if (counts.met) result.level = lv.number;
      else {
        result.next = lv;
        result.done = counts.done;
        result.applicable = counts.applicable;
        result.progress = percent(counts.done, counts.applicable);
      }
    });
    return result;
  };

  Model.prototype.results = function (answers) {
    var self = this;
    return this.dimensions.map(function (d) { return self.dimensionResult(answers, d.id); });
  };

  Model.prototype.nextActions = function (answers, result) {
    var self = this;
    if (!result.next) return [];
    var items = this.cells[result.next.id][result.dimension].filter(function (item) {
      return !self.isDone(answers, item.id) && self.status(answers, item.id) !== "na";
    });
    return items
      .map(function (item, i) { return { item: item, i: i }; })
      .sort(function (a, b) {
        var pa = has(PRIORITY_RANK, a.item.priority) ? PRIORITY_RANK[a.item.priority] : 3;
        var pb = has(PRIORITY_RANK, b.item.priority) ? PRIORITY_RANK[b.item.priority] : 3;
        return pa - pb || a.i - b.i;
      })
      .map(function (x) { return x.item; });
  };

  Model.prototype.unknownIds = function (answers) {
    var self = this;
    return Object.keys(answers).filter(function (id) { return !has(self.byId, id); });
  };

  Model.prototype.levelName = function (number) {
    for (var i = 0; i < this.levels.length; i++) if (this.levels[i].number === number) return this.levels[i].name;
    return "";
  };

  Model.prototype.dimensionName = function (id) {
    for (var i = 0; i < this.dimensions.length; i++) if (this.dimensions[i].id === id) return this.dimensions[i].name;
    return id;
  };

  HA.STATUSES = STATUSES;
  HA.statusLabel = statusLabel;
  HA.priorityLabel = priorityLabel;
  HA.percent = percent;
  // Per dimension over all levels: {dimension id: {done, applicable, percent}}.
  Model.prototype.dimensionTotals = function (answers) {
    var self = this;
    var out = {};
    this.dimensions.forEach(function (d) {
      var done = 0, applicable = 0;
      self.levels.forEach(function (lv) {
        var c = self.cellCounts(answers, lv.id, d.id);
        done += c.done;
        applicable += c.applicable;
      });
      out[d.id] = { done: done, applicable: applicable, percent: percent(done, applicable) };
    });
    return out;
  };

  HA.hasEvidence = hasEvidence;
  HA.Model = Model;
})(window.HandbookAssessment = window.HandbookAssessment || {});
