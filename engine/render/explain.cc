// Explanations in words: a value, the rule's case and the points, from the
// label tables' templates (one per case of each rule kind).
#include "engine/render/explain.h"

#include "engine/render/cells.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

using Out = Explanation::Outcome;

std::string Pts(double v, Lang lang) { return LocalNumber(FormatTrim(v, 4), lang); }

}  // namespace

std::string LocalDate(Date d, Lang lang) {
  const std::string iso = FormatIsoDate(d);  // YYYY-MM-DD
  if (lang == Lang::kEn || iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

namespace {

std::string ShownText(const ShownValue& v, const Labels::Explain& l, Lang lang) {
  switch (v.type) {
    case ShownValue::Type::kMissing:
      return l.value_missing;
    case ShownValue::Type::kNoCase:
      return l.value_no_cases;
    case ShownValue::Type::kNumber:
      return Pts(v.number, lang);
    case ShownValue::Type::kPercent: {
      std::string s = LocalNumber(FormatFixed(v.number * 100, 2), lang) + " %";
      if (v.has_ratio) s += Fill(l.ratio, {Pts(v.ratio_num, lang), Pts(v.ratio_den, lang)});
      return s;
    }
    case ShownValue::Type::kDate:
      return LocalDate(v.date, lang);
    case ShownValue::Type::kText:
      return "\"" + v.text + "\"";
    case ShownValue::Type::kBool:
      return v.boolean ? l.value_yes : l.value_no;
    case ShownValue::Type::kOther:
      return "?";
  }
  return "?";
}

// The head of a branch rule: what was found, before " → branch: points".
std::string Head(const Explanation& w, const Labels::Explain& l, Lang lang) {
  const std::string value = ShownText(w.value, l, lang);
  const std::string deadline = LocalDate(w.deadline, lang);
  const std::string late = std::to_string(w.late_days);
  const char* text = l.head_value;
  switch (w.outcome) {
    case Out::kOnTime:
      text = l.head_on_time;
      break;
    case Out::kLate:
      text = l.head_late;
      break;
    case Out::kNotIssued:
      text = l.head_not_issued;
      break;
    case Out::kBelowBands:
      text = l.head_below;
      break;
    case Out::kNotListed:
      text = l.head_not_listed;
      break;
    case Out::kElseMissing:
      text = l.head_missing;
      break;
    case Out::kYes:
    case Out::kNo:
      text = w.value.type == ShownValue::Type::kMissing ? l.head_missing : l.head_value;
      break;
    default:
      break;
  }
  return Fill(text, {w.subject, value, deadline, late});
}

bool IsBranchRule(Out o) {
  switch (o) {
    case Out::kOnTime:
    case Out::kLate:
    case Out::kNotIssued:
    case Out::kBand:
    case Out::kBelowBands:
    case Out::kLevel:
    case Out::kNotListed:
    case Out::kElseMissing:
    case Out::kYes:
    case Out::kNo:
      return true;
    default:
      return false;
  }
}

// The rule's sentence; `no_cases` rules stop before the points.
std::string RuleText(const Explanation& w, std::string_view branch, const Labels::Explain& l,
                     Lang lang) {
  const std::string of_max = Fill(l.of_max, {Pts(w.points, lang), Pts(w.max, lang)});
  if (w.outcome == Out::kNoCases) return Fill(l.no_cases, {w.subject});
  if (IsBranchRule(w.outcome)) {
    const std::string head = Head(w, l, lang);
    if (w.branch_no_cases) return head + l.tail_no_cases;
    return head + Fill(l.tail_branch, {BranchLabel(branch, lang), of_max});
  }
  const std::string value = ShownText(w.value, l, lang);
  const std::string max = Pts(w.max, lang);
  const std::string each = Pts(w.each, lang);
  switch (w.outcome) {
    case Out::kShare: {
      std::string param;
      if (w.rule != RuleKind::kPercent) {
        param = Fill(w.rule == RuleKind::kLinear ? l.share_target : l.share_of,
                     {ShownText(w.param, l, lang)});
      }
      const std::string share = LocalNumber(FormatTrim(w.share * 100, 2), lang);
      return Fill(l.share, {w.subject, value, of_max, max, param, share});
    }
    case Out::kShareMissing:
    case Out::kGivenMissing:
      return Fill(l.missing_points, {w.subject, value, of_max});
    case Out::kDeducted: {
      const std::string floor = w.floored ? Fill(l.floor, {Pts(w.floor, lang)}) : "";
      return Fill(l.deducted, {w.subject, value, of_max, max, "", "", each, floor});
    }
    case Out::kNoDeduction:
      return Fill(l.no_deduction, {w.subject, value, of_max});
    case Out::kGiven:
      return Fill(l.given, {w.subject, value, of_max, max, "", "", "", w.clamped ? l.clamped : ""});
    case Out::kPerCase:
      return Fill(l.per_case,
                  {w.subject, value, of_max, max, "", "", each, w.capped ? l.capped : ""});
    case Out::kPerCaseMissing:
      return Fill(l.per_case_missing, {w.subject, value, of_max});
    default:
      return {};
  }
}

// Longest keys first, so "no cases: full" is not read as "no cases".
struct BranchKey {
  const char* key;
  const char* Labels::Explain::*label;
};
constexpr BranchKey kBranches[] = {
    {"no cases: not applicable", &Labels::Explain::br_no_cases_na},
    {"no cases: full", &Labels::Explain::br_no_cases_full},
    {"no cases: zero", &Labels::Explain::br_no_cases_zero},
    {"missing evidence", &Labels::Explain::br_missing_evidence},
    {"not applicable", &Labels::Explain::br_not_applicable},
    {"proportional", &Labels::Explain::br_proportional},
    {"no cases", &Labels::Explain::br_no_cases},
    {"deducted", &Labels::Explain::br_deducted},
    {"per case", &Labels::Explain::br_per_case},
    {"on time", &Labels::Explain::br_on_time},
    {"missing", &Labels::Explain::br_missing},
    {"clamped", &Labels::Explain::br_clamped},
    {"capped", &Labels::Explain::br_capped},
    {"error", &Labels::Explain::br_error},
    {"floor", &Labels::Explain::br_floor},
    {"given", &Labels::Explain::br_given},
    {"late", &Labels::Explain::br_late},
    {"else", &Labels::Explain::br_else},
    {"full", &Labels::Explain::br_full},
    {"zero", &Labels::Explain::br_zero},
    {"yes", &Labels::Explain::br_yes},
    {"no", &Labels::Explain::br_no},
};

}  // namespace

std::string LocalNumber(std::string_view number, Lang lang) {
  if (lang == Lang::kEn) return std::string(number);
  size_t i = 0;
  std::string out;
  if (i < number.size() && (number[i] == '-' || number[i] == '+')) out += number[i++];
  size_t digits = i;
  while (digits < number.size() && number[digits] >= '0' && number[digits] <= '9') ++digits;
  if (digits == i) return std::string(number);
  const std::string_view whole = number.substr(i, digits - i);
  for (size_t k = 0; k < whole.size(); ++k) {
    if (k > 0 && (whole.size() - k) % 3 == 0) out += '.';
    out += whole[k];
  }
  std::string_view rest = number.substr(digits);
  if (!rest.empty() && rest[0] == '.') {
    out += ',';
    rest.remove_prefix(1);
  }
  out.append(rest);
  return out;
}

std::string BranchLabel(std::string_view branch, Lang lang) {
  const Labels::Explain& l = LabelsFor(lang).explain;
  auto threshold = [&](std::string_view op, std::string_view rest) {
    std::string value;
    if (!rest.empty() && rest.back() == '%') {
      value = LocalNumber(rest.substr(0, rest.size() - 1), lang) + l.percent_sign;
    } else {
      value = LocalNumber(rest, lang);
    }
    return Fill(l.br_band, {op, value});
  };
  if (branch.rfind(">= ", 0) == 0) return threshold(l.op_ge, branch.substr(3));
  if (branch.rfind("> ", 0) == 0) return threshold(l.op_gt, branch.substr(2));
  if (branch.size() >= 2 && branch.front() == '"' && branch.back() == '"')
    return Fill(l.br_level, {branch});
  for (const BranchKey& k : kBranches) {
    if (branch == k.key) return l.*k.label;
  }
  return std::string(branch);
}

std::string ExplainItem(const Plan& plan, const ItemScore& s, Lang lang) {
  const Labels::Explain& l = LabelsFor(lang).explain;
  const Explanation& w = s.why;
  const Item& item = *plan.items()[static_cast<size_t>(s.index)].item;
  switch (w.kind) {
    case Explanation::Kind::kNone:
      return {};
    case Explanation::Kind::kError:
      return Fill(l.error, {w.error});
    case Explanation::Kind::kNotApplicable:
      return Fill(l.not_applicable, {w.condition.empty() ? "" : Fill(l.condition, {w.condition}),
                                     Pts(w.declared_max, lang)});
    case Explanation::Kind::kMissingEvidence:
      return Fill(l.missing_evidence,
                  {item.expects.empty() ? "" : Fill(l.expected, {Join(item.expects, "; ")})});
    case Explanation::Kind::kRule:
      break;
  }
  std::string text = RuleText(w, s.branch, l, lang);
  if (w.no_cases()) {
    const std::string max = Pts(w.declared_max, lang);
    switch (w.policy) {
      case NoCasePolicy::kFull:
        return text + Fill(l.policy_full, {max});
      case NoCasePolicy::kZero:
        return text + Fill(l.policy_zero, {max});
      case NoCasePolicy::kNotApplicable:
        return text + Fill(l.policy_na, {max});
      case NoCasePolicy::kUnset:
        return Fill(l.policy_unset, {text});
    }
  }
  if (w.kept_within) text += Fill(l.kept_within, {Pts(w.max, lang)});
  return text;
}

}  // namespace cchc
