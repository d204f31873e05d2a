// Structure checks (E2xx): unique codes, codes nested under their parent,
// max points summing up the tree, the index's bands, record declarations.
#include <cmath>
#include <unordered_map>

#include "criteria/checker_internal.h"

namespace cchc::check {

namespace {

// Canonical Roman numerals I..XX, the area codes some provinces use; a
// criterion of area III is numbered 3.x.
int RomanValue(const std::string& code) {
  static const char* const kRoman[] = {"I",    "II",  "III",  "IV",    "V",   "VI",   "VII",
                                       "VIII", "IX",  "X",    "XI",    "XII", "XIII", "XIV",
                                       "XV",   "XVI", "XVII", "XVIII", "XIX", "XX"};
  for (int i = 0; i < 20; ++i) {
    if (code == kRoman[i]) return i + 1;
  }
  return 0;
}

// "1.2.3" -> ("1.2", true); "I" -> ("", false).
bool SplitParent(const std::string& code, std::string* parent) {
  const size_t dot = code.rfind('.');
  if (dot == std::string::npos) return false;
  *parent = code.substr(0, dot);
  return true;
}

bool NestedUnderArea(const std::string& criterion, const std::string& area) {
  std::string parent;
  if (!SplitParent(criterion, &parent)) return false;
  if (parent == area) return true;
  const int roman = RomanValue(area);
  return roman > 0 && parent == std::to_string(roman);
}

bool NestedUnderCriterion(const std::string& item, const std::string& criterion) {
  std::string parent;
  return SplitParent(item, &parent) && parent == criterion;
}

std::string AreaPrefix(const std::string& area) {
  const int roman = RomanValue(area);
  return roman > 0 ? std::to_string(roman) : area;
}

class StructureChecker {
 public:
  StructureChecker(const Criteria& c, Sink& sink) : c_(c), sink_(sink) {}

  void Run() {
    CheckRecords();
    CheckIndexBands();
    for (const Area& a : c_.areas) CheckArea(a);
    CheckTotal();
    CheckWeights();
    if (c_.bonus) CheckAdjustment(*c_.bonus, "bonus");
    if (c_.penalty) CheckAdjustment(*c_.penalty, "penalty");
  }

 private:
  void Code(const std::string& code, SourceRange r, const char* what) {
    auto [it, inserted] = codes_.emplace(code, std::string(what) + " " + code);
    if (!inserted) {
      sink_.Error(DiagCode::kDuplicateCode, r,
                  "duplicate code " + code + ": already used by " + it->second);
    }
  }

  void Max(double max, SourceRange r, const std::string& what) {
    if (!(max > 0)) {
      sink_.Error(DiagCode::kBadMax, r, what + " must have max above 0, got " + Num(max));
    }
  }

  void Sum(double children, double parent, SourceRange r, const std::string& children_what,
           const std::string& parent_what) {
    if (std::fabs(children - parent) > kEpsilon) {
      sink_.Error(DiagCode::kMaxSumMismatch, r,
                  "the max of the " + children_what + " sums to " + Num(children) + ", but " +
                      parent_what + " has max " + Num(parent));
    }
  }

  void CheckArea(const Area& a) {
    const std::string what = "area " + a.code;
    Code(a.code, a.code_range, "area");
    Max(a.max, a.max_range, what);
    if (a.criteria.empty()) {
      sink_.Error(DiagCode::kEmptyGroup, a.code_range, what + " has no criteria");
    }
    double sum = 0;
    for (const Criterion& cr : a.criteria) {
      sum += cr.max;
      if (!NestedUnderArea(cr.code, a.code)) {
        sink_.Error(DiagCode::kCodeNotNested, cr.code_range,
                    "criterion " + cr.code + " is not numbered under " + what + " (expected " +
                        AreaPrefix(a.code) + ".N)");
      }
      CheckCriterion(cr);
    }
    if (!a.criteria.empty()) Sum(sum, a.max, a.max_range, "criteria", what);
  }

  void CheckCriterion(const Criterion& cr) {
    const std::string what = "criterion " + cr.code;
    Code(cr.code, cr.code_range, "criterion");
    Max(cr.max, cr.max_range, what);
    if (cr.items.empty()) {
      sink_.Error(DiagCode::kEmptyGroup, cr.code_range, what + " has no items");
    }
    double sum = 0;
    for (const Item& it : cr.items) {
      sum += it.max;
      if (!NestedUnderCriterion(it.code, cr.code)) {
        sink_.Error(
            DiagCode::kCodeNotNested, it.code_range,
            "item " + it.code + " is not numbered under " + what + " (expected " + cr.code + ".N)");
      }
      CheckItem(it);
    }
    if (!cr.items.empty()) Sum(sum, cr.max, cr.max_range, "items", what);
  }

  void CheckItem(const Item& it) {
    Code(it.code, it.code_range, "item");
    Max(it.max, it.max_range, "item " + it.code);
    if (!it.rule) {
      sink_.Error(DiagCode::kMissingRule, it.code_range,
                  "item " + it.code + " has no `score` rule");
    }
  }

  void CheckAdjustment(const Adjustment& adj, const char* what) {
    if (!(adj.cap > 0)) {
      sink_.Error(DiagCode::kBadMax, adj.cap_range,
                  std::string("the ") + what + " cap must be above 0, got " + Num(adj.cap));
    }
    if (adj.items.empty()) {
      sink_.Error(DiagCode::kEmptyGroup, adj.range,
                  std::string("the ") + what + " block has no items");
    }
    for (const Item& it : adj.items) CheckItem(it);
  }

  void CheckTotal() {
    if (c_.areas.empty()) {
      // An empty file (or only comments) must not score 0 of 0 silently.
      sink_.Error(DiagCode::kEmptyGroup, c_.index.declared ? c_.index.range : SourceRange{},
                  "the file declares no area: there is nothing to score");
      return;
    }
    double sum = 0;
    for (const Area& a : c_.areas) sum += a.max;
    const double total = c_.index.declared ? c_.index.total : 100;
    if (std::fabs(sum - total) <= kEpsilon) return;
    if (c_.index.declared) {
      sink_.Error(
          DiagCode::kTotalMismatch, c_.index.range,
          "the max of the areas sums to " + Num(sum) + ", but the index total is " + Num(total));
    } else {
      const Area& first = c_.areas.front();
      sink_.Error(DiagCode::kTotalMismatch, first.code_range,
                  "the max of the areas sums to " + Num(sum) +
                      ", but the index total is 100 (the default: no `index` is declared)");
    }
  }

  // `weights: by area` needs a `weight` on every area; a `weight` needs it.
  void CheckWeights() {
    const bool by_area = c_.index.weights == WeightScheme::kByArea;
    double sum = 0;
    for (const Area& a : c_.areas) {
      if (a.weight) sum += *a.weight;
      if (by_area && !a.weight) {
        sink_.Error(DiagCode::kAreaWeight, a.code_range,
                    "area " + a.code +
                        " has no weight, but the index says `weights: by area`; write `weight W` "
                        "after its max (e.g. `max " +
                        Num(a.max) + " weight 1`)");
      } else if (!by_area && a.weight) {
        sink_.Error(DiagCode::kAreaWeight, a.weight_range,
                    "area " + a.code + " has a weight, but the index weighs areas " +
                        WeightSchemeName(c_.index.weights) +
                        "; say `weights: by area` in the index, or remove the weight");
      }
    }
    if (by_area && !c_.areas.empty() && !(sum > 0)) {
      sink_.Error(DiagCode::kWeightsZero, c_.index.weights_range,
                  "every area weight is 0: the index would weigh nothing; give at least one area "
                  "a weight above 0");
    }
    CheckCriterionWeights();
  }

  // `criterion weights: by criterion` needs a `weight` on every criterion,
  // some above 0 in each area; a criterion's `weight` needs it.
  void CheckCriterionWeights() {
    const bool by_criterion = c_.index.criterion_weights == WeightScheme::kByCriterion;
    for (const Area& a : c_.areas) {
      double sum = 0;
      for (const Criterion& cr : a.criteria) {
        if (cr.weight) sum += *cr.weight;
        if (by_criterion && !cr.weight) {
          sink_.Error(DiagCode::kCriterionWeight, cr.code_range,
                      "criterion " + cr.code +
                          " has no weight, but the index says `criterion weights: by criterion`; "
                          "write `weight W` after its max (e.g. `max " +
                          Num(cr.max) + " weight 1`)");
        } else if (!by_criterion && cr.weight) {
          sink_.Error(DiagCode::kCriterionWeight, cr.weight_range,
                      "criterion " + cr.code + " has a weight, but the index weighs criteria " +
                          WeightSchemeName(c_.index.criterion_weights) +
                          "; say `criterion weights: by criterion` in the index, or remove the "
                          "weight");
        }
      }
      if (by_criterion && !a.criteria.empty() && !(sum > 0)) {
        sink_.Error(DiagCode::kCriterionWeightsZero, a.code_range,
                    "every criterion weight of area " + a.code +
                        " is 0: the area would weigh nothing; give at least one of its criteria "
                        "a weight above 0");
      }
    }
  }

  void CheckIndexBands() {
    const auto& bands = c_.index.bands;
    if (bands.empty()) return;
    std::unordered_map<std::string, const BandDecl*> labels;
    const BandDecl* prev = nullptr;  // the previous threshold band
    const BandDecl* else_band = nullptr;
    for (const BandDecl& b : bands) {
      if (!labels.emplace(b.label, &b).second) {
        sink_.Error(DiagCode::kIndexBands, b.range,
                    "index band \"" + b.label + "\" is declared twice");
      }
      if (else_band) {
        sink_.Error(DiagCode::kIndexBands, b.range,
                    b.is_else ? "index bands have two `else` bands"
                              : "index band \"" + b.label +
                                    "\" comes after the `else` band, which must be last");
        continue;
      }
      if (b.is_else) {
        else_band = &b;
        continue;
      }
      if (prev && b.min_percent == prev->min_percent) {
        sink_.Error(DiagCode::kIndexBands, b.range,
                    "index bands \"" + prev->label + "\" and \"" + b.label +
                        "\" have the same threshold " + Pct(b.min_percent));
      } else if (prev && b.min_percent > prev->min_percent) {
        sink_.Error(DiagCode::kIndexBands, b.range,
                    "index band \"" + b.label + "\" >= " + Pct(b.min_percent) + " comes after \"" +
                        prev->label + "\" >= " + Pct(prev->min_percent) +
                        "; bands go from highest to lowest");
      }
      prev = &b;
    }
    if (!else_band) {
      const BandDecl& last = bands.back();
      sink_.Error(DiagCode::kIndexBands, last.range,
                  "index bands have no `else` band: an index below " + Pct(last.min_percent) +
                      " would have no band");
    }
  }

  void CheckRecords() {
    std::unordered_map<std::string, const RecordDecl*> kinds;
    for (const RecordDecl& r : c_.records) {
      if (!kinds.emplace(r.kind, &r).second) {
        sink_.Error(DiagCode::kDuplicateRecord, r.range,
                    "record kind \"" + r.kind + "\" is declared twice");
      }
      std::unordered_map<std::string, const FieldDecl*> fields;
      for (const FieldDecl& f : r.fields) {
        if (!fields.emplace(f.name, &f).second) {
          sink_.Error(DiagCode::kDuplicateRecord, f.range,
                      "field " + f.name + " of record kind \"" + r.kind + "\" is declared twice");
        }
      }
    }
  }

  const Criteria& c_;
  Sink& sink_;
  std::unordered_map<std::string, std::string> codes_;  // code -> "area I"
};

}  // namespace

void CheckStructure(const Criteria& c, Sink& sink) { StructureChecker(c, sink).Run(); }

}  // namespace cchc::check
