// The synthetic-commune generator: a template commune perturbed under a
// per-unit quality latent, record by record, then scored so that the
// appraisal council's points can be drawn as self minus a small gap.
#include "engine/synth/synth.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/core/evidence_index.h"
#include "engine/core/scorer.h"
#include "engine/util/numfmt.h"
#include "engine/util/random.h"

namespace cchc {
namespace {

double Round(double v, double unit) {
  const double x = v / unit;
  return static_cast<double>(static_cast<long long>(x + (x < 0 ? -0.5 : 0.5))) * unit;
}

// A fraction rounded to 0.01 percentage point, as a reader types it back
// from the written percent units: "96.25" is 96.25 / 100, which 9625 * 0.0001
// can miss by the last bit.
double RoundPercent(double fraction) {
  const double x = fraction / 0.0001;
  return static_cast<double>(static_cast<long long>(x + (x < 0 ? -0.5 : 0.5))) / 100 / 100;
}

bool IsStatus(const std::string& s) {
  return s == "done" || s == "in_progress" || s == "not_started";
}

// Replaces every occurrence of `from` in *s with `to`.
void ReplaceAll(std::string* s, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (size_t at = s->find(from); at != std::string::npos; at = s->find(from, at + to.size())) {
    s->replace(at, from.size(), to);
  }
}

// "Xã An Khánh" -> "An Khánh".
std::string BareName(const std::string& name) {
  for (std::string_view prefix : {"Xã ", "xã ", "Phường ", "phường ", "Đặc khu "}) {
    if (name.rfind(prefix, 0) == 0) return name.substr(prefix.size());
  }
  return name;
}

class UnitMaker {
 public:
  UnitMaker(const Plan& plan, const Evidence& tmpl)
      : plan_(plan), c_(plan.criteria()), tmpl_(tmpl) {
    for (const CompiledItem& ci : plan.items()) {
      if (ci.rule != RuleKind::kLevels) continue;
      for (const CompiledBand& b : ci.bands) {
        if (!b.label.empty()) levels_.emplace(b.label);
      }
    }
    tmpl_name_ = BareName(tmpl.unit.name);
    FindAbsentEvidence();
  }

  Evidence Make(SynthRandom& rng, double q, const Unit& unit) {
    Evidence e;
    e.unit = unit;
    e.year = tmpl_.year;
    e.as_of = tmpl_.as_of;
    e.source = unit.code;
    name_ = BareName(unit.name);
    const double bad = 1 - q;
    // The commune's size scales its volumes (dossiers, documents, budget).
    size_ = 0.6 + 0.8 * rng.Uniform();
    e.records.reserve(tmpl_.records.size() + 8);
    for (const Record& r : tmpl_.records) {
      if (rng.Chance(0.5 * bad * bad * bad)) continue;  // the document is missing
      e.records.push_back(r);
      Perturb(&e.records.back(), rng, q);
      if (rng.Chance(0.08 * q)) {  // a second document of the kind
        Record copy = r;
        copy.id += "-2";
        Perturb(&copy, rng, q);
        e.records.push_back(std::move(copy));
      }
    }
    // Documents the template lacks, which better communes have.
    for (const Record& r : absent_) {
      if (!rng.Chance(0.85 * q * q)) continue;
      e.records.push_back(r);
      Perturb(&e.records.back(), rng, q);
    }
    for (const Record& r : penalties_) {
      if (!rng.Chance(0.5 * bad * bad)) continue;
      e.records.push_back(r);
      Perturb(&e.records.back(), rng, q);
    }
    return e;
  }

 private:
  // For each item the template leaves without evidence (missing, not
  // applicable, or a bonus / penalty never incurred), a record that its
  // selector picks: a template record of the kind (else one with the kind's
  // declared booleans true and counts 1) with the `where field = value`
  // conditions set and an early issue date. Penalties go to weak communes.
  void FindAbsentEvidence() {
    Scorer scorer(plan_);
    EvidenceIndex index(plan_, tmpl_);
    const Scorecard card = scorer.Score(index);
    for (const ItemScore& s : card.items) {
      const CompiledItem& ci = plan_.items()[static_cast<size_t>(s.index)];
      const bool unused = ci.group != ItemGroup::kArea && s.points == 0;
      if (s.status != ItemStatus::kMissingEvidence && s.status != ItemStatus::kNotApplicable &&
          !unused) {
        continue;
      }
      std::vector<int> roots = ci.bindings;
      roots.push_back(ci.subject);
      for (int root : roots) {
        const int sel = FindSelector(root);
        if (sel < 0) continue;
        const Node& w = plan_.nodes()[static_cast<size_t>(sel)];
        const Node& set = w.kind == ExprKind::kWhere ? plan_.nodes()[static_cast<size_t>(w.a)] : w;
        if (set.slot < 0) continue;
        const std::string& kind = plan_.kinds()[static_cast<size_t>(set.slot)];
        Record r;
        r.kind = kind;
        for (const Record& t : tmpl_.records) {
          if (t.kind == kind) {
            r = t;
            break;
          }
        }
        if (r.id.empty()) Defaults(&r);
        r.id = "SYN-" + ci.item->code;
        if (w.kind == ExprKind::kWhere) SetConditions(w.b, &r);
        if (w.kind == ExprKind::kWhere && Matches(r)) break;  // the template has one already
        r.Set("item", Value::String(ci.item->code));
        if (tmpl_.as_of) {
          Date d = *tmpl_.as_of;
          d.days -= 200;
          for (auto& [name, v] : r.fields) {
            if (v.type == ValueType::kDate) v.date = d;
          }
          if (!r.Find("issued")) r.Set("issued", Value::OfDate(d));
        }
        (ci.group == ItemGroup::kPenalty ? penalties_ : absent_).push_back(std::move(r));
        break;
      }
    }
  }

  // A record of the kind with every declared boolean true and count 1.
  void Defaults(Record* r) const {
    const RecordDecl* decl = FindRecord(c_, r->kind);
    if (!decl) return;
    for (const FieldDecl& f : decl->fields) {
      if (f.type == FieldType::kBool) r->Set(f.name, Value::Bool(true));
      if (f.type == FieldType::kCount) r->Set(f.name, Value::Number(1));
    }
  }

  // True when a template record of r's kind carries r's string fields.
  bool Matches(const Record& r) const {
    for (const Record& t : tmpl_.records) {
      if (t.kind != r.kind || t.id == r.id) continue;
      bool all = true;
      for (const auto& [name, v] : r.fields) {
        if (v.type != ValueType::kString && v.type != ValueType::kBool) continue;
        const Value* tv = t.Find(name);
        if (!tv || tv->type != v.type || tv->text != v.text || tv->boolean != v.boolean)
          all = false;
      }
      if (all) return true;
    }
    return false;
  }

  // The first `records kind K` set (under a `where`, the where) below `n`.
  int FindSelector(int n) const {
    if (n < 0) return -1;
    const Node& node = plan_.nodes()[static_cast<size_t>(n)];
    if (node.kind == ExprKind::kWhere &&
        plan_.nodes()[static_cast<size_t>(node.a)].kind == ExprKind::kRecords) {
      return n;
    }
    if (node.kind == ExprKind::kRecords) return n;
    const int a = FindSelector(node.a);
    return a >= 0 ? a : FindSelector(node.b);
  }

  // Makes r satisfy `field = value` and `field != "text"` conditions joined
  // by `and` under `n`.
  void SetConditions(int n, Record* r) const {
    if (n < 0) return;
    const Node& node = plan_.nodes()[static_cast<size_t>(n)];
    if (node.kind == ExprKind::kBinary && node.op == Op::kAnd) {
      SetConditions(node.a, r);
      SetConditions(node.b, r);
      return;
    }
    if (node.kind != ExprKind::kBinary || node.a < 0 || node.b < 0) return;
    const Node* name = &plan_.nodes()[static_cast<size_t>(node.a)];
    const Node* lit = &plan_.nodes()[static_cast<size_t>(node.b)];
    if (name->kind != ExprKind::kName) std::swap(name, lit);
    if (name->kind != ExprKind::kName || name->ref != NameRef::kField) return;
    const std::string field(name->text);
    if (node.op == Op::kEq && lit->kind == ExprKind::kString) {
      r->Set(field, Value::String(std::string(lit->text)));
    } else if (node.op == Op::kEq && lit->kind == ExprKind::kBool) {
      r->Set(field, Value::Bool(lit->boolean));
    } else if (node.op == Op::kNe && lit->kind == ExprKind::kString) {
      const Value* v = r->Find(field);
      if (v && v->type == ValueType::kString && v->text == lit->text) {
        // Another value the field may take ("khac", other, when it is free text).
        std::string other = "khac";
        if (const FieldDecl* d = FindField(plan_.criteria(), r->kind, field)) {
          for (const std::string& o : d->one_of) {
            if (o != lit->text) {
              other = o;
              break;
            }
          }
        }
        r->Set(field, Value::String(other));
      }
    }
  }

  struct Amount {
    size_t pos;
    double v;
  };

  void Perturb(Record* r, SynthRandom& rng, double q) {
    const double bad = 1 - q;
    std::vector<Amount> counts, numbers;
    int shift = 0;
    if (rng.Chance(0.7 * bad)) {
      shift = 1 + static_cast<int>(rng.Below(1 + static_cast<uint64_t>(75 * bad)));
    } else if (rng.Chance(0.35 * q)) {
      shift = -1 - static_cast<int>(rng.Below(10));
    }
    bool undone = false, redone = false;
    for (size_t i = 0; i < r->fields.size(); ++i) {
      auto& [name, v] = r->fields[i];
      switch (v.type) {
        case ValueType::kNumber: {
          const FieldDecl* d = FindField(c_, r->kind, name);
          (d && d->type == FieldType::kCount ? counts : numbers).push_back({i, v.number});
          break;
        }
        case ValueType::kPercent:
          // Rounded as written out (0.01 percentage point), so that the
          // in-memory unit and its JSON are the same values.
          v.number = RoundPercent(std::clamp(v.number * (1 - 0.5 * bad * rng.Uniform()) *
                                                 (0.96 + 0.08 * rng.Uniform()) *
                                                 (1 + 0.15 * q * q * rng.Uniform()),
                                             0.0, 1.0));
          break;
        case ValueType::kBool:
          if (rng.Chance(0.45 * bad * bad + 0.04)) v.boolean = !v.boolean;
          break;
        case ValueType::kDate:
          // Deadlines stay; what was done moves.
          if (name != "due") v.date.days += shift;
          break;
        case ValueType::kString:
          if (IsStatus(v.text)) {
            if (v.text == "done" && rng.Chance(0.55 * bad * bad + 0.03)) {
              v.text = rng.Chance(0.75) ? "in_progress" : "not_started";
              undone = true;
            } else if (v.text != "done" && rng.Chance(0.9 * q * q)) {
              v.text = "done";
              redone = true;
            }
          } else if (levels_.count(v.text) && rng.Chance(0.5 * bad)) {
            auto it = levels_.begin();
            std::advance(it, static_cast<long>(rng.Below(levels_.size())));
            v.text = *it;
          } else {
            ReplaceAll(&v.text, tmpl_name_, name_);
          }
          break;
        case ValueType::kMissing:
          break;
      }
    }
    Amounts(r, counts, true, rng, q);
    Amounts(r, numbers, false, rng, q);
    FixDoneOn(r, undone, redone, rng);
  }

  // Volumes within one record move together: the largest is the total, the
  // others keep (perturbed) shares of it, capped so that the template's order
  // holds (numerators stay <= denominators). Zero counts are "cases" drawn
  // with a mean rising as quality falls.
  void Amounts(Record* r, std::vector<Amount>& a, bool integral, SynthRandom& rng, double q) {
    if (a.empty()) return;
    const double bad = 1 - q;
    auto set = [&](const Amount& x, double v) { r->fields[x.pos].second.number = v; };
    auto round = [&](double v, double tmpl) {
      if (integral || tmpl == static_cast<double>(static_cast<long long>(tmpl))) return Round(v, 1);
      return Round(v, 0.01);
    };
    if (a.size() == 1 && !integral) {  // a score, a mean, an amount on its own
      const double v = a[0].v * (1 - 0.5 * bad * rng.Uniform()) * (0.96 + 0.08 * rng.Uniform()) *
                       (1 + 0.15 * q * q * rng.Uniform());
      set(a[0], round(v, a[0].v));
      return;
    }
    std::stable_sort(a.begin(), a.end(),
                     [](const Amount& x, const Amount& y) { return x.v > y.v; });
    const double total = a[0].v;
    double new_total;
    if (total > 0) {
      new_total =
          std::max(integral ? 1.0 : 0.0, round(total * size_ * (0.9 + 0.2 * rng.Uniform()), total));
    } else {
      new_total = integral ? rng.Cases(3 * bad * bad) : 0;
    }
    set(a[0], new_total);
    double prev = new_total;
    for (size_t k = 1; k < a.size(); ++k) {
      double v;
      if (a[k].v > 0 && a[k].v >= 0.75 * a[k - 1].v && rng.Chance(0.7 * q * q)) {
        v = prev;  // a good commune closes the gap to its denominator (all on time, all met)
      } else if (a[k].v > 0) {
        const double share = std::min(
            1.0, a[k].v / total * (1 - 0.6 * bad * rng.Uniform()) * (0.94 + 0.12 * rng.Uniform()));
        v = round(share * new_total, a[k].v);
      } else {
        v = integral ? rng.Cases(3 * bad * bad) : 0;
      }
      // Equal in the template (met = total): equal here too, whichever sorted first.
      if (a[k].v == a[k - 1].v) v = prev;
      v = std::min(v, prev);
      set(a[k], v);
      prev = v;
    }
  }

  // A task no longer done has no completion date; one now done gets one.
  void FixDoneOn(Record* r, bool undone, bool redone, SynthRandom& rng) {
    if (undone) {
      auto& f = r->fields;
      f.erase(
          std::remove_if(f.begin(), f.end(), [](const auto& p) { return p.first == "done_on"; }),
          f.end());
    }
    if (redone && !r->Find("done_on")) {
      const FieldDecl* d = FindField(c_, r->kind, "done_on");
      const Value* due = r->Find("due");
      if (d && d->type == FieldType::kDate && due && due->type == ValueType::kDate) {
        Date when = due->date;
        when.days -= static_cast<int32_t>(rng.Below(20));
        r->Set("done_on", Value::OfDate(when));
      }
    }
  }

  const Plan& plan_;
  const Criteria& c_;
  const Evidence& tmpl_;
  std::unordered_set<std::string> levels_;
  std::vector<Record> absent_, penalties_;
  std::string tmpl_name_, name_;
  double size_ = 1;
};

// The council appraises a share of the self-assessed items; most scores stand,
// some lose a little (documents incomplete), a few gain (explanation accepted).
void Appraise(const Plan& plan, const Scorecard& card, SynthRandom& rng, double q, Evidence* e) {
  for (const ItemScore& s : card.items) {
    const CompiledItem& ci = plan.items()[static_cast<size_t>(s.index)];
    if (ci.group != ItemGroup::kArea) continue;
    if (ci.rule == RuleKind::kPercent || ci.rule == RuleKind::kLikert) continue;  // surveys
    if (s.status != ItemStatus::kScored && s.status != ItemStatus::kMissingEvidence) continue;
    if (!rng.Chance(0.6)) continue;
    Appraisal a;
    a.item = ci.item->code;
    const double self = s.points;
    if (rng.Chance(0.55 + 0.35 * q)) {
      a.points = self;
      a.note = "Giữ nguyên điểm tự chấm.";
    } else if (rng.Chance(0.1) && self + 0.25 <= s.max) {
      a.points = Round(self + 0.25, 0.01);
      a.note = "Giải trình được chấp nhận: cộng 0,25 điểm.";
    } else {
      const double gap =
          std::min(self, Round(rng.Uniform() * (0.25 + 0.5 * (1 - q)) * s.max, 0.25));
      a.points = Round(self - gap, 0.01);
      a.note = gap > 0 ? "Tài liệu kiểm chứng chưa đầy đủ: trừ " + FormatTrim(gap, 2) + " điểm."
                       : "Giữ nguyên điểm tự chấm.";
    }
    if (a.points < 0) a.points = 0;
    e->appraisals.push_back(std::move(a));
  }
}

uint64_t UnitSeed(uint64_t seed, int i) {
  uint64_t s = seed ^ (0xA0761D6478BD642Full * (static_cast<uint64_t>(i) + 1));
  return SplitMix64(&s);
}

}  // namespace

void Synthesize(const Plan& plan, const Evidence& tmpl, const SynthConfig& o,
                const std::function<void(const SynthUnit&)>& sink) {
  const std::string province = !o.province.empty() ? o.province
                               : !plan.criteria().index.province.empty()
                                   ? plan.criteria().index.province
                                   : tmpl.unit.province;
  const std::string prefix = o.code_prefix.empty() ? ProvinceInitials(province) : o.code_prefix;
  const std::vector<std::string> names = SynthUnitNames(o.seed, o.units);
  UnitMaker maker(plan, tmpl);
  Scorer scorer(plan);
  for (int i = 0; i < o.units; ++i) {
    SynthRandom rng(UnitSeed(o.seed, i));
    SynthUnit u;
    u.index = i;
    // q spreads units over the bands, with more weight near the top (the
    // score falls faster than q there).
    const double y = 1 - rng.Uniform();
    u.quality = 1 - 0.5 * y * (1 + y);
    std::string code = std::to_string(i + 1);
    if (code.size() < 4) code.insert(0, 4 - code.size(), '0');
    Unit unit{prefix + code, names[static_cast<size_t>(i)], province};
    u.evidence = maker.Make(rng, u.quality, unit);
    EvidenceIndex index(plan, u.evidence);
    Scorecard card = scorer.Score(index);
    Appraise(plan, card, rng, u.quality, &u.evidence);
    sink(u);
  }
}

}  // namespace cchc
