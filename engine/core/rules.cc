// Scoring one item: applicability, the rule, the evidence gate (which gives
// way to a declared "no cases" policy when the rule found no cases), the
// policy, then the points, with an explanation (engine/core/scorecard.h)
// that records the values, the branch and the points as data.
#include <algorithm>
#include <cmath>

#include "engine/core/evaluator.h"
#include "engine/core/threshold.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

using T = EvalValue::T;
using Out = Explanation::Outcome;

struct Outcome {
  enum class Kind { kPoints, kNoCase, kError } kind = Kind::kPoints;
  double points = 0;
  std::string_view branch;  // a literal or the plan's text
  std::string error;        // kError: why
};

Outcome ErrorOutcome(std::string why) {
  Outcome o;
  o.kind = Outcome::Kind::kError;
  o.error = std::move(why);
  return o;
}

double Clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

ShownValue Shown(const EvalValue& v) {
  ShownValue s;
  switch (v.type) {
    case T::kMissing:
      s.type = ShownValue::Type::kMissing;
      break;
    case T::kNoCase:
      s.type = ShownValue::Type::kNoCase;
      break;
    case T::kNumber:
      s.type = ShownValue::Type::kNumber;
      s.number = v.number;
      break;
    case T::kPercent:
      s.type = ShownValue::Type::kPercent;
      s.number = v.number;
      s.has_ratio = v.has_ratio;
      s.ratio_num = v.ratio_num;
      s.ratio_den = v.ratio_den;
      break;
    case T::kDate:
      s.type = ShownValue::Type::kDate;
      s.date = v.date;
      break;
    case T::kString:
      s.type = ShownValue::Type::kText;
      s.text = std::string(v.text);
      break;
    case T::kBool:
      s.type = ShownValue::Type::kBool;
      s.boolean = v.boolean;
      break;
    default:
      s.type = ShownValue::Type::kOther;
  }
  return s;
}

// Runs an item's rule, filling `why` with the case that applied when the
// evaluator explains (hot loops — task search, sensitivity — score points
// and branches only). Errors always carry their reason.
class RuleRunner {
 public:
  RuleRunner(ItemEvaluator& ev, const CompiledItem& item, Explanation* why)
      : ev_(ev), item_(item), explain_(ev.explain()), why_(why) {}

  Outcome Run() {
    subject_ = ev_.Eval(item_.subject);
    if (subject_.type == T::kError) return ErrorOutcome(std::string(subject_.text));
    if (explain_) {
      why_->kind = Explanation::Kind::kRule;
      why_->rule = item_.rule;
      why_->max = ev_.item_max();
      std::string_view src = ev_.plan().SourceOf(item_.subject);
      why_->subject = src.empty() ? std::string("input") : std::string(src);
      why_->value = Shown(subject_);
    }
    if (subject_.type == T::kNoCase) {
      Outcome o;
      o.kind = Outcome::Kind::kNoCase;
      Say(Out::kNoCases);
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
      case RuleKind::kScaled:
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
  // Error reasons name the subject: "plan.issued = 2026-01-20".
  std::string Label() const {
    std::string_view src = ev_.plan().SourceOf(item_.subject);
    return src.empty() ? std::string("input") : std::string(src);
  }
  std::string Subject() const { return Label() + " = " + Describe(subject_); }

  void Say(Out outcome) {
    if (explain_) why_->outcome = outcome;
  }

  Outcome Points(double p, std::string_view branch, Out outcome) {
    Outcome o;
    o.points = p;
    o.branch = branch;
    Say(outcome);
    if (explain_) why_->points = p;
    return o;
  }

  // Evaluates a branch's points; errors and non-numbers become an error.
  bool BranchPoints(int node, double fallback, double* out, std::string* why) {
    if (node < 0) {
      *out = fallback;
      return true;
    }
    const Node& x = ev_.plan().nodes()[static_cast<size_t>(node)];
    if (x.kind == ExprKind::kNumber) {  // the common literal points: as Eval() gives them
      *out = x.number;
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

  // The points of branch `node` (or `fallback` when the rule leaves it out).
  Outcome Branch(int node, double fallback, std::string_view branch, Out outcome) {
    double p = 0;
    std::string why;
    Say(outcome);
    if (!BranchPoints(node, fallback, &p, &why)) {
      if (why == "no cases") {
        Outcome o;
        o.kind = Outcome::Kind::kNoCase;
        if (explain_) why_->branch_no_cases = true;
        return o;
      }
      return ErrorOutcome(Subject() + ": " + why);
    }
    return Points(p, branch, outcome);
  }

  Outcome Deadline() {
    EvalValue limit = ev_.Eval(item_.param);
    if (limit.type != T::kDate)
      return ErrorOutcome("the deadline is " + Describe(limit) + ", not a date");
    if (explain_) why_->deadline = limit.date;
    if (subject_.type == T::kMissing) return Branch(item_.missing, 0, "missing", Out::kNotIssued);
    if (subject_.type != T::kDate) return ErrorOutcome(Subject() + " is not a date");
    const int late_days = subject_.date.days - limit.date.days;
    if (late_days <= 0) return Branch(item_.on_time, ev_.item_max(), "on time", Out::kOnTime);
    if (explain_) why_->late_days = late_days;
    return Branch(item_.late, 0, "late", Out::kLate);
  }

  Outcome Bands() {
    if (subject_.type == T::kMissing)
      return Branch(item_.else_points, 0, "else", Out::kElseMissing);
    if (!subject_.numeric()) return ErrorOutcome(Subject() + " is not a number");
    for (const CompiledBand& b : item_.bands) {
      const bool hit = MeetsThreshold(subject_.number, subject_.has_ratio, subject_.ratio_num,
                                      subject_.ratio_den, b.limit, b.cmp == Band::Cmp::kGt);
      if (!hit) continue;
      if (explain_) {
        why_->threshold = b.threshold;
        why_->threshold_percent = b.threshold_is_percent;
        why_->strict = b.cmp == Band::Cmp::kGt;
      }
      return Branch(b.points, 0, b.branch, Out::kBand);
    }
    return Branch(item_.else_points, 0, "else", Out::kBelowBands);
  }

  Outcome Levels() {
    if (subject_.type == T::kMissing)
      return Branch(item_.else_points, 0, "else", Out::kElseMissing);
    if (subject_.type != T::kString) return ErrorOutcome(Subject() + " is not a level (text)");
    for (const CompiledBand& b : item_.bands) {
      if (b.label == subject_.text) {
        if (explain_) why_->level = std::string(b.label);
        return Branch(b.points, 0, b.branch, Out::kLevel);
      }
    }
    return Branch(item_.else_points, 0, "else", Out::kNotListed);
  }

  // linear / checklist / scaled / likert / percent: clamp(x / d, 0, 1) * max.
  Outcome Fraction(const char* word, bool percent_subject) {
    const double max = ev_.item_max();
    if (subject_.type == T::kMissing) return Points(0, "missing", Out::kShareMissing);
    if (!subject_.numeric()) return ErrorOutcome(Subject() + " is not a number");
    double d = 1;
    if (!percent_subject) {
      EvalValue p = ev_.Eval(item_.param);
      if (!p.numeric() || p.number <= 0)
        return ErrorOutcome(std::string("the '") + word + "' value is " + Describe(p));
      d = p.number;
      if (explain_) why_->param = Shown(p);
    }
    const double share = Clamp01(subject_.number / d);
    const double points = share * max;
    if (explain_) why_->share = share;
    const char* branch = share >= 1 ? "full" : share <= 0 ? "zero" : "proportional";
    return Points(points, branch, Out::kShare);
  }

  Outcome Boolean() {
    if (subject_.type != T::kBool && subject_.type != T::kMissing) {
      return ErrorOutcome(Subject() + " is not yes/no");
    }
    const bool yes = subject_.type == T::kBool && subject_.boolean;
    return yes ? Branch(item_.yes, ev_.item_max(), "yes", Out::kYes)
               : Branch(item_.no, 0, "no", Out::kNo);
  }

  Outcome Deduct() {
    const double max = ev_.item_max();
    if (subject_.type == T::kMissing) return Points(max, "no cases", Out::kNoDeduction);
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
    if (explain_) {
      why_->each = each.number;
      why_->floor = floor;
      why_->floored = raw < floor;
    }
    const char* branch = subject_.number == 0 ? "no cases" : raw < floor ? "floor" : "deducted";
    return Points(points, branch, Out::kDeducted);
  }

  Outcome Manual() {
    const double max = ev_.item_max();
    if (subject_.type == T::kMissing) return Points(0, "missing", Out::kGivenMissing);
    if (!subject_.numeric()) return ErrorOutcome(Subject() + " is not a number");
    const double points = std::clamp(subject_.number, 0.0, max);
    const bool clamped = points != subject_.number;
    if (explain_) why_->clamped = clamped;
    return Points(points, clamped ? "clamped" : "given", Out::kGiven);
  }

  Outcome PerCase() {
    const double max = ev_.item_max();
    if (subject_.type == T::kMissing) return Points(0, "no cases", Out::kPerCaseMissing);
    if (!subject_.numeric()) return ErrorOutcome(Subject() + " is not a number");
    EvalValue each = ev_.Eval(item_.param);
    if (!each.numeric()) return ErrorOutcome("the 'each' value is " + Describe(each));
    const double raw = subject_.number * each.number;
    const double points = std::clamp(raw, 0.0, max);
    if (explain_) {
      why_->each = each.number;
      why_->capped = raw > max;
    }
    return Points(points, raw > max ? "capped" : "per case", Out::kPerCase);
  }

  ItemEvaluator& ev_;
  const CompiledItem& item_;
  const bool explain_;
  Explanation* why_;
  EvalValue subject_;
};

}  // namespace

ItemScore ItemEvaluator::Evaluate(const EvidenceIndex& index, int item_index) {
  ItemScore s;
  Evaluate(index, item_index, &s);
  return s;
}

void ItemEvaluator::Evaluate(const EvidenceIndex& index, int item_index, ItemScore* out) {
  ItemScore& s = *out;
  const CompiledItem& ci = plan_.items()[static_cast<size_t>(item_index)];
  index_ = &index;
  item_ = &ci;
  max_ = ci.item->max;
  if (bindings_.size() < ci.bindings.size()) {
    bindings_.resize(ci.bindings.size());
    bound_.resize(ci.bindings.size(), 0);
  }
  if (++generation_ == 0) {  // wrapped: no stamp may match a new generation
    std::fill(bound_.begin(), bound_.end(), 0);
    generation_ = 1;
  }
  sets_used_ = 0;
  current_record_ = -1;
  evidence_.clear();
  if (!kept_.empty()) kept_.clear();

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
  // An error keeps what the rule found (an unset "no cases" policy) or says
  // why in `error`.
  auto fail = [&](std::string why) {
    s.status = ItemStatus::kError;
    s.points = 0;
    s.branch = "error";
    if (!why.empty()) {
      s.why.kind = Explanation::Kind::kError;
      s.why.error = std::move(why);
    }
    finish_evidence();
    return;
  };
  if (!ci.compile_error.empty()) return fail(ci.compile_error);

  // 1. Applicability.
  for (int cond : ci.na_when) {
    EvalValue v = EvalDirect(cond);
    if (v.type == T::kError) return fail(std::string(v.text));
    if (v.type == T::kBool && v.boolean) {
      s.status = ItemStatus::kNotApplicable;
      s.max = 0;
      s.branch = "not applicable";
      if (explain_) {
        s.why.kind = Explanation::Kind::kNotApplicable;
        s.why.condition = std::string(plan_.SourceOf(cond));
        s.why.declared_max = ci.item->max;
      }
      finish_evidence();
      return;
    }
  }

  // 2. The rule (this also evaluates the selectors that find the evidence).
  Outcome o = RuleRunner(*this, ci, &s.why).Run();
  finish_evidence();

  // 3. The evidence gate: a self-assessed item without evidence gets 0,
  // unless an accepted explanation (giải trình) is on file, or the rule found
  // no cases (a ratio over no records) and the item declares what that
  // means: then its policy decides (4), not the gate.
  const bool policy_decides =
      o.kind == Outcome::Kind::kNoCase && ci.item->no_cases != NoCasePolicy::kUnset;
  if (ci.evidence_required && evidence_.empty() && !policy_decides) {
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
      if (explain_) s.why = Explanation{.kind = Explanation::Kind::kMissingEvidence};
      return;
    }
  }

  // 4. "No cases occurred".
  if (o.kind == Outcome::Kind::kNoCase) {
    s.why.policy = ci.item->no_cases;
    s.why.declared_max = ci.item->max;
    switch (ci.item->no_cases) {
      case NoCasePolicy::kFull:
        s.points = s.max;
        s.branch = "no cases: full";
        return;
      case NoCasePolicy::kZero:
        s.points = 0;
        s.branch = "no cases: zero";
        return;
      case NoCasePolicy::kNotApplicable:
        s.status = ItemStatus::kNotApplicable;
        s.max = 0;
        s.branch = "no cases: not applicable";
        return;
      case NoCasePolicy::kUnset:
        // The explanation keeps the rule's case; the renderer adds that no
        // policy is declared.
        return fail(explain_ ? std::string() : std::string("no cases"));
    }
  }
  if (o.kind == Outcome::Kind::kError) return fail(o.error);

  // 5. Points, kept within [0, max] (the checker proves rules stay inside).
  double p = o.points;
  if (!std::isfinite(p)) return fail("the rule gave a number out of range");
  if (p > s.max || p < 0) {
    s.why.kept_within = explain_;
    p = std::clamp(p, 0.0, s.max);
  }
  s.points = p;
  s.branch = o.branch;
  return;
}

}  // namespace cchc
