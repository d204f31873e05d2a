// Scoring one item: applicability, the evidence gate, the "no cases" policy,
// then the rule's branch, with an explanation that names the values, the
// branch and the points.
#include <algorithm>
#include <cmath>

#include "engine/core/evaluator.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

using T = EvalValue::T;

std::string Pts(double v) { return FormatTrim(v, 4); }

struct Outcome {
  enum class Kind { kPoints, kNoCase, kError } kind = Kind::kPoints;
  double points = 0;
  std::string branch;
  std::string explanation;
};

Outcome ErrorOutcome(std::string why) {
  Outcome o;
  o.kind = Outcome::Kind::kError;
  o.explanation = std::move(why);
  return o;
}

double Clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

// Runs an item's rule. Explanations are built by lambdas called only when the
// evaluator explains (hot loops — task search, sensitivity — score points and
// branches without building text). Errors always carry their reason.
class RuleRunner {
 public:
  RuleRunner(ItemEvaluator& ev, const CompiledItem& item)
      : ev_(ev), item_(item), explain_(ev.explain()) {}

  Outcome Run() {
    subject_ = ev_.Eval(item_.subject);
    if (subject_.type == T::kError) return ErrorOutcome(std::string(subject_.text));
    if (subject_.type == T::kNoCase) {
      Outcome o;
      o.kind = Outcome::Kind::kNoCase;
      if (explain_) o.explanation = Label() + ": no cases (zero denominator)";
      return o;
    }
    switch (item_.rule) {
      case RuleKind::kDeadline:
        return Deadline();
      case RuleKind::kBands:
      case RuleKind::kCount:
        return Bands();
      case RuleKind::kLevels:
        return Levels();
      case RuleKind::kLinear:
        return Fraction("target", /*percent_subject=*/false);
      case RuleKind::kChecklist:
        return Fraction("of", false);
      case RuleKind::kScaled:
        return Fraction("of", false);
      case RuleKind::kLikert:
        return Fraction("of", false);
      case RuleKind::kPercent:
        return Fraction("", true);
      case RuleKind::kBoolean:
        return Boolean();
      case RuleKind::kDeduct:
        return Deduct();
      case RuleKind::kManual:
        return Manual();
      case RuleKind::kPerCase:
        return PerCase();
    }
    return ErrorOutcome("unknown rule");
  }

 private:
  // "plan.issued = 2026-01-20"
  std::string Label() const {
    std::string_view src = ev_.plan().SourceOf(item_.subject);
    return src.empty() ? std::string("input") : std::string(src);
  }
  std::string Subject() const { return Label() + " = " + Describe(subject_); }
  std::string OfMax(double p) const { return Pts(p) + " of " + Pts(ev_.item_max()) + " points"; }

  template <class Text>
  Outcome Points(double p, std::string branch, Text&& text) {
    Outcome o;
    o.points = p;
    o.branch = std::move(branch);
    if (explain_) o.explanation = text();
    return o;
  }

  // Evaluates a branch's points; errors and non-numbers become an error.
  bool BranchPoints(int node, double fallback, double* out, std::string* why) {
    if (node < 0) {
      *out = fallback;
      return true;
    }
    EvalValue v = ev_.Eval(node);
    if (v.type == T::kNoCase) {
      *why = "no cases";
      return false;
    }
    if (!v.numeric()) {
      *why = "the branch's points are " + Describe(v) + ", not a number";
      return false;
    }
    *out = v.number;
    return true;
  }

  // The points of branch `node` (or `fallback` when the rule leaves it out);
  // `head` describes the input, built only when explaining.
  template <class Head>
  Outcome Branch(int node, double fallback, std::string branch, Head&& head) {
    double p = 0;
    std::string why;
    if (!BranchPoints(node, fallback, &p, &why)) {
      if (why == "no cases") {
        Outcome o;
        o.kind = Outcome::Kind::kNoCase;
        if (explain_) o.explanation = head() + ": no cases";
        return o;
      }
      return ErrorOutcome(head() + ": " + why);
    }
    return Points(p, branch, [&] { return head() + " → " + branch + ": " + OfMax(p); });
  }

  Outcome Deadline() {
    EvalValue limit = ev_.Eval(item_.param);
    if (limit.type != T::kDate)
      return ErrorOutcome("the deadline is " + Describe(limit) + ", not a date");
    auto by = [&] { return "deadline " + FormatIsoDate(limit.date); };
    if (subject_.type == T::kMissing) {
      return Branch(item_.missing, 0, "missing",
                    [&] { return Label() + " is missing (not issued), " + by(); });
    }
    if (subject_.type != T::kDate) return ErrorOutcome(Subject() + " is not a date");
    const int late_days = subject_.date.days - limit.date.days;
    if (late_days <= 0) {
      return Branch(item_.on_time, ev_.item_max(), "on time",
                    [&] { return Subject() + ", " + by(); });
    }
    return Branch(item_.late, 0, "late", [&] {
      return Subject() + ", " + std::to_string(late_days) + " day(s) after the " + by();
    });
  }

  Outcome Bands() {
    if (subject_.type == T::kMissing) {
      return Branch(item_.else_points, 0, "else", [&] { return Label() + " is missing"; });
    }
    if (!subject_.numeric()) return ErrorOutcome(Subject() + " is not a number");
    for (const CompiledBand& b : item_.bands) {
      const bool hit =
          b.cmp == Band::Cmp::kGt ? subject_.number > b.threshold : subject_.number >= b.threshold;
      if (!hit) continue;
      std::string t =
          b.threshold_is_percent ? FormatTrim(b.threshold * 100, 4) + "%" : Pts(b.threshold);
      return Branch(b.points, 0, std::string(b.cmp == Band::Cmp::kGt ? "> " : ">= ") + t,
                    [&] { return Subject(); });
    }
    return Branch(item_.else_points, 0, "else", [&] { return Subject() + ", below every band"; });
  }

  Outcome Levels() {
    if (subject_.type == T::kMissing) {
      return Branch(item_.else_points, 0, "else", [&] { return Label() + " is missing"; });
    }
    if (subject_.type != T::kString) return ErrorOutcome(Subject() + " is not a level (text)");
    for (const CompiledBand& b : item_.bands) {
      if (b.label == subject_.text) {
        return Branch(b.points, 0, "\"" + std::string(b.label) + "\"", [&] { return Subject(); });
      }
    }
    return Branch(item_.else_points, 0, "else", [&] { return Subject() + ", not a listed level"; });
  }

  // linear / checklist / scaled / likert / percent: clamp(x / d, 0, 1) * max.
  Outcome Fraction(const char* word, bool percent_subject) {
    const double max = ev_.item_max();
    if (subject_.type == T::kMissing) {
      return Points(0, "missing", [&] { return Label() + " is missing → " + OfMax(0); });
    }
    if (!subject_.numeric()) return ErrorOutcome(Subject() + " is not a number");
    double d = 1;
    EvalValue p;
    if (!percent_subject) {
      p = ev_.Eval(item_.param);
      if (!p.numeric() || p.number <= 0)
        return ErrorOutcome(std::string("the '") + word + "' value is " + Describe(p));
      d = p.number;
    }
    const double share = Clamp01(subject_.number / d);
    const double points = share * max;
    std::string branch = share >= 1 ? "full" : share <= 0 ? "zero" : "proportional";
    return Points(points, branch, [&] {
      std::string of =
          percent_subject ? std::string() : std::string(", ") + word + " " + Describe(p);
      return Subject() + of + " → " + FormatTrim(share * 100, 2) + " % of " + Pts(max) + ": " +
             OfMax(points);
    });
  }

  Outcome Boolean() {
    if (subject_.type != T::kBool && subject_.type != T::kMissing) {
      return ErrorOutcome(Subject() + " is not yes/no");
    }
    const bool yes = subject_.type == T::kBool && subject_.boolean;
    auto head = [&] { return subject_.type == T::kMissing ? Label() + " is missing" : Subject(); };
    return yes ? Branch(item_.yes, ev_.item_max(), "yes", head) : Branch(item_.no, 0, "no", head);
  }

  Outcome Deduct() {
    const double max = ev_.item_max();
    if (subject_.type == T::kMissing) {
      return Points(max, "no cases",
                    [&] { return Label() + " is missing: no deduction → " + OfMax(max); });
    }
    if (!subject_.numeric()) return ErrorOutcome(Subject() + " is not a number");
    EvalValue each = ev_.Eval(item_.param);
    if (!each.numeric()) return ErrorOutcome("the 'each' value is " + Describe(each));
    double floor = 0;
    if (item_.floor >= 0) {
      EvalValue f = ev_.Eval(item_.floor);
      if (!f.numeric()) return ErrorOutcome("the floor is " + Describe(f));
      floor = f.number;
    }
    const double raw = max - subject_.number * each.number;
    const double points = std::max(floor, raw);
    std::string branch = subject_.number == 0 ? "no cases" : raw < floor ? "floor" : "deducted";
    return Points(points, branch, [&] {
      return Subject() + " case(s) × " + Pts(each.number) + " deducted from " + Pts(max) +
             (raw < floor ? ", floor " + Pts(floor) : "") + " → " + OfMax(points);
    });
  }

  Outcome Manual() {
    const double max = ev_.item_max();
    if (subject_.type == T::kMissing) {
      return Points(0, "missing", [&] { return Label() + " is missing → " + OfMax(0); });
    }
    if (!subject_.numeric()) return ErrorOutcome(Subject() + " is not a number");
    const double points = std::clamp(subject_.number, 0.0, max);
    const bool clamped = points != subject_.number;
    return Points(points, clamped ? "clamped" : "given", [&] {
      return Subject() + (clamped ? ", clamped to [0, max]" : "") + " → " + OfMax(points);
    });
  }

  Outcome PerCase() {
    const double max = ev_.item_max();
    if (subject_.type == T::kMissing) {
      return Points(0, "no cases", [&] { return Label() + " is missing → 0 points"; });
    }
    if (!subject_.numeric()) return ErrorOutcome(Subject() + " is not a number");
    EvalValue each = ev_.Eval(item_.param);
    if (!each.numeric()) return ErrorOutcome("the 'each' value is " + Describe(each));
    const double raw = subject_.number * each.number;
    const double points = std::clamp(raw, 0.0, max);
    return Points(points, raw > max ? "capped" : "per case", [&] {
      return Subject() + " case(s) × " + Pts(each.number) + (raw > max ? ", capped at max" : "") +
             " → " + OfMax(points);
    });
  }

  ItemEvaluator& ev_;
  const CompiledItem& item_;
  const bool explain_;
  EvalValue subject_;
};

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

}  // namespace

ItemScore ItemEvaluator::Evaluate(const EvidenceIndex& index, int item_index) {
  const CompiledItem& ci = plan_.items()[static_cast<size_t>(item_index)];
  index_ = &index;
  item_ = &ci;
  max_ = ci.item->max;
  bindings_.assign(ci.bindings.size(), EvalValue());
  bound_.assign(ci.bindings.size(), 0);
  sets_used_ = 0;
  current_record_ = -1;
  evidence_.clear();
  kept_.clear();

  ItemScore s;
  s.index = item_index;
  s.group = ci.group;
  s.max = ci.item->max;
  auto finish_evidence = [&] {
    s.evidence.clear();
    if (!explain_) return;  // points only: the gate reads evidence_ itself
    std::sort(evidence_.begin(), evidence_.end());
    evidence_.erase(std::unique(evidence_.begin(), evidence_.end()), evidence_.end());
    for (uint32_t r : evidence_) s.evidence.push_back(index.record(r).id);
  };
  auto fail = [&](std::string why) {
    s.status = ItemStatus::kError;
    s.points = 0;
    s.branch = "error";
    s.explanation = "cannot score: " + why;
    finish_evidence();
    return s;
  };
  if (!ci.compile_error.empty()) return fail(ci.compile_error);

  // 1. Applicability.
  for (int cond : ci.na_when) {
    EvalValue v = Eval(cond);
    if (v.type == T::kError) return fail(std::string(v.text));
    if (v.type == T::kBool && v.boolean) {
      s.status = ItemStatus::kNotApplicable;
      s.max = 0;
      s.branch = "not applicable";
      if (explain_) {
        std::string_view src = plan_.SourceOf(cond);
        s.explanation = "not applicable" + (src.empty() ? std::string() : ": " + std::string(src)) +
                        "; removed from the max (" + Pts(ci.item->max) + " points)";
      }
      finish_evidence();
      return s;
    }
  }

  // 2. The rule (this also evaluates the selectors that find the evidence).
  Outcome o = RuleRunner(*this, ci).Run();
  finish_evidence();

  // 3. The evidence gate: a self-assessed item without evidence gets 0,
  // unless an accepted explanation (giải trình) is on file.
  if (ci.evidence_required && evidence_.empty()) {
    bool explained = false;
    const int ek = plan_.explanation_kind();
    for (uint32_t r : index.OfKind(ek)) {
      EvalValue item = FieldOf(r, plan_.item_field());
      EvalValue ok = FieldOf(r, plan_.accepted_field());
      if (item.type == T::kString && item.text == ci.item->code && ok.type == T::kBool &&
          ok.boolean) {
        explained = true;
        if (explain_) s.evidence.push_back(index.record(r).id);
      }
    }
    if (!explained) {
      s.status = ItemStatus::kMissingEvidence;
      s.points = 0;
      s.branch = "missing evidence";
      if (explain_) {
        s.explanation = "no evidence found";
        if (!ci.item->expects.empty())
          s.explanation += " (expected: " + Join(ci.item->expects, "; ") + ")";
        s.explanation += "; without evidence or an accepted explanation the item is appraised at 0";
      }
      return s;
    }
  }

  // 4. "No cases occurred".
  if (o.kind == Outcome::Kind::kNoCase) {
    switch (ci.item->no_cases) {
      case NoCasePolicy::kFull:
        s.points = s.max;
        s.branch = "no cases: full";
        if (explain_)
          s.explanation = o.explanation + " → policy full points: " + Pts(s.max) + " of " +
                          Pts(s.max) + " points";
        return s;
      case NoCasePolicy::kZero:
        s.points = 0;
        s.branch = "no cases: zero";
        if (explain_)
          s.explanation = o.explanation + " → policy zero: 0 of " + Pts(s.max) + " points";
        return s;
      case NoCasePolicy::kNotApplicable:
        s.status = ItemStatus::kNotApplicable;
        s.max = 0;
        s.branch = "no cases: not applicable";
        if (explain_)
          s.explanation = o.explanation + " → not applicable; removed from the max (" +
                          Pts(ci.item->max) + " points)";
        return s;
      case NoCasePolicy::kUnset:
        return fail((o.explanation.empty() ? std::string("a zero denominator") : o.explanation) +
                    " and the item has no 'when no cases' policy");
    }
  }
  if (o.kind == Outcome::Kind::kError) return fail(o.explanation);

  // 5. Points, kept within [0, max] (the checker proves rules stay inside).
  double p = o.points;
  if (!std::isfinite(p)) return fail("the rule gave a number out of range");
  if (p > s.max || p < 0) {
    if (explain_) o.explanation += " (kept within 0.." + Pts(s.max) + ")";
    p = std::clamp(p, 0.0, s.max);
  }
  s.points = p;
  s.branch = o.branch;
  s.explanation = o.explanation;
  return s;
}

}  // namespace cchc
