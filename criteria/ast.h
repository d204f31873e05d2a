// The criteria model: a plain C++ AST of a criteria file, with byte ranges into
// the source. It knows nothing of the parser generator (Spirit X3 stays inside
// criteria/internal/); the checker, formatter and engine work on this only.
#ifndef CCHC_CRITERIA_AST_H_
#define CCHC_CRITERIA_AST_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "criteria/date.h"

namespace cchc {

// Half-open byte range [begin, end) into the source text.
struct SourceRange {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// ---------------------------------------------------------------- expressions

enum class ExprKind {
  kNumber,   // 1.5              number
  kPercent,  // 95%              number (stored as the fraction 0.95)
  kDate,     // 2026-01-31       date
  kString,   // "cchc"           text
  kBool,     // true / false / yes / no
  kName,     // plan             a let binding, a record field inside `where`,
             //                  or the built-in `as_of` (the evidence date)
  kMaxRef,   // max              the enclosing item's max points
  kField,    // plan.issued      args[0] is the object, text the field name
  kUnary,    // -x, not x        args[0]
  kBinary,   // a + b, a and b   args[0], args[1]
  kCall,     // count(x), ratio(a, b) ... text is the function name
  kRecords,  // records [kind "plan"]   text is the kind ("" = every kind)
  kWhere,    // SET where COND   args[0] set, args[1] condition
};

enum class Op {
  kNone,
  kNeg,
  kNot,  // unary
  kAdd,
  kSub,
  kMul,
  kDiv,  // arithmetic
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,  // comparison
  kAnd,
  kOr,  // logic
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  ExprKind kind = ExprKind::kNumber;
  SourceRange range;
  double number = 0;     // kNumber; kPercent as a fraction (95% -> 0.95)
  Date date;             // kDate
  bool boolean = false;  // kBool
  std::string text;      // kString value; kName / kField / kCall / kRecords name
  Op op = Op::kNone;     // kUnary, kBinary
  std::vector<ExprPtr> args;
};

// ---------------------------------------------------------------- rules

enum class RuleKind {
  kDeadline,   // score deadline DATE-EXPR by DEADLINE { on time: P  late: P  missing: P }
  kBands,      // score bands X { >= 100%: P  >= 80%: P  else: P }
  kCount,      // score count N { >= 2: P  >= 1: P  else: P }   (count tiers)
  kLinear,     // score linear X target T          -> clamp(X / T, 0, 1) * max
  kBoolean,    // score boolean B [{ yes: P  no: P }]   default yes: max, no: 0
  kDeduct,     // score deduct N each E [floor F]  -> max(F, max - N * E)
  kChecklist,  // score checklist N of T           -> clamp(N / T, 0, 1) * max
  kScaled,     // score scaled X of S              -> clamp(X / S, 0, 1) * max
  kPercent,    // score percent X                  -> clamp(X, 0, 1) * max
  kLikert,     // score likert X of S              -> clamp(X / S, 0, 1) * max
  kLevels,     // score levels S { "tốt": P  "khá": P  else: P }
  kManual,     // score manual X                   -> clamp(X, 0, max)
  kPerCase,    // score per N each E               -> min(max, N * E)   (bonus/penalty)
};

// One branch of a bands / count / levels table.
struct Band {
  enum class Cmp { kGe, kGt, kLabel, kElse };
  Cmp cmp = Cmp::kGe;
  ExprPtr threshold;  // kGe / kGt: a number or percent literal
  std::string label;  // kLabel: the level's label
  ExprPtr points;     // the points of this branch: any number expression
  SourceRange range;
};

struct Rule {
  RuleKind kind = RuleKind::kBoolean;
  SourceRange range;
  ExprPtr subject;                 // the input: date, ratio, count, flag, score, label
  ExprPtr param;                   // deadline: the deadline date; linear: target;
                                   // checklist/scaled/likert: the "of" total; deduct/per: each
  ExprPtr floor;                   // deduct: floor (default 0)
  ExprPtr on_time, late, missing;  // deadline tiers' points
  ExprPtr yes, no;                 // boolean points (null: max / 0)
  std::vector<Band> bands;         // bands, count, levels
};

// ---------------------------------------------------------------- items

enum class Assessment { kSelf, kSurvey };
enum class EvidencePolicy { kDefault, kRequired, kOptional };
// What to do when a ratio() in the item has a zero denominator.
enum class NoCasePolicy { kUnset, kFull, kZero, kNotApplicable };

struct Binding {
  std::string name;
  ExprPtr value;
  SourceRange range;       // the whole `let` statement
  SourceRange name_range;  // the name only
};

struct Item {
  std::string code;
  std::string name;
  double max = 0;
  SourceRange range;  // the whole item
  SourceRange code_range;
  SourceRange max_range;
  Assessment assessment = Assessment::kSelf;
  EvidencePolicy evidence = EvidencePolicy::kDefault;
  std::vector<std::string> expects;          // expected evidence, prose
  std::vector<Binding> bindings;             // in order
  std::vector<ExprPtr> not_applicable_when;  // any true -> not applicable
  std::optional<Rule> rule;
  NoCasePolicy no_cases = NoCasePolicy::kUnset;
  std::string note;
};

struct Criterion {
  std::string code, name;
  double max = 0;
  SourceRange range, code_range, max_range;
  // `weight W` after the max: the criterion's weight under `criterion
  // weights: by criterion`.
  std::optional<double> weight;
  SourceRange weight_range;
  std::vector<Item> items;
};

struct Area {
  std::string code, name;
  double max = 0;
  SourceRange range, code_range, max_range;
  // `weight W` after the max: the area's weight under `weights: by area`.
  std::optional<double> weight;
  SourceRange weight_range;
  std::vector<Criterion> criteria;
};

// A bonus or penalty block: items scored like any other, summed, then capped.
struct Adjustment {
  std::string name;
  double cap = 0;
  SourceRange range, cap_range;
  std::vector<Item> items;
};

// ---------------------------------------------------------------- schema

// kCount is a number that must be a whole number >= 0 (dossiers, cases).
enum class FieldType { kNumber, kCount, kPercent, kDate, kString, kBool };

// `mean: number in 1..5`, `topic: string one of "cchc", "dao_tao"`,
// `received: count given`. Loading checks the range and the enumeration; the
// advice (sensitivity, tasks) never proposes to change a given field.
struct FieldDecl {
  std::string name;
  FieldType type = FieldType::kNumber;
  SourceRange range;
  bool has_range = false;  // `in lo..hi` (percent bounds as fractions)
  double lo = 0, hi = 0;
  SourceRange range_range;
  std::vector<std::string> one_of;  // `one of "a", "b"`; empty: any text
  SourceRange one_of_range;
  bool given = false;  // set by the province or by law, not by the commune
};

// `require on_time <= resolved`: a condition every record of the kind meets
// (checked on load when the fields it names are present).
struct Invariant {
  ExprPtr cond;
  SourceRange range;
};

// `record task { status: string  due: date }` declares an evidence kind.
struct RecordDecl {
  std::string kind;
  std::string description;  // optional prose after the kind
  std::vector<FieldDecl> fields;
  std::vector<Invariant> invariants;
  SourceRange range;
};

// ---------------------------------------------------------------- index

struct BandDecl {  // a classification band of the whole index
  std::string label;
  bool is_else = false;
  double min_percent = 0;  // as a fraction: 90% -> 0.90
  SourceRange range;
};

enum class TieRule { kShared, kDense };  // 1,1,3 or 1,1,2

// How the index weighs its areas (docs/weights.md): by each area's applicable
// max (the index is points / max), every area alike, or by each area's
// declared `weight`.
enum class WeightScheme { kByMax, kEqual, kByArea, kByCriterion };

struct IndexMeta {
  std::string name, province, level;
  int year = 0;
  double total = 100;              // the declared scale: areas' max sums to this
  int precision = 2;               // decimals shown; display only
  bool bonus_above_total = false;  // may bonus lift the index over 100 %?
  TieRule ties = TieRule::kShared;
  WeightScheme weights = WeightScheme::kByMax;
  SourceRange weights_range;  // the `weights:` property; empty when not written
  // Within each area (`criterion weights:`): by max (the area's percentage is
  // its points / max), equal, or by each criterion's declared `weight`.
  WeightScheme criterion_weights = WeightScheme::kByMax;
  SourceRange criterion_weights_range;
  std::vector<BandDecl> bands;  // highest first
  SourceRange range;
  bool declared = false;
};

struct Criteria {
  IndexMeta index;
  std::vector<RecordDecl> records;
  std::vector<Area> areas;
  std::optional<Adjustment> bonus;
  std::optional<Adjustment> penalty;
};

// Built-in fields every evidence record has, whatever its kind.
// id, kind, number, title, issuer, file: string; issued: date;
// item, area: string (the item or area code the record is filed under);
// note: string (free text for the reader; never scored).
const std::vector<FieldDecl>& CommonFields();

// Finds the declaration of `kind`, or null.
const RecordDecl* FindRecord(const Criteria& c, const std::string& kind);

// Looks a field up among the kind's declared fields, then the common ones.
// `kind` may be empty (a set of every kind): then only common fields.
const FieldDecl* FindField(const Criteria& c, const std::string& kind, const std::string& field);

// Does any item read the evidence date `as_of`? Then evidence must carry one.
bool UsesAsOf(const Criteria& c);

// The candidate nearest `name` by edit distance (at most 2), or "": for
// "did you mean" messages outside the checker too.
std::string NearestName(std::string_view name, const std::vector<std::string>& candidates);

const char* RuleKindName(RuleKind k);
const char* OpSpelling(Op op);
const char* FieldTypeName(FieldType t);
const char* WeightSchemeName(WeightScheme w);  // "by max", "equal", "by area", "by criterion"

// A deterministic one-line-per-node dump of the model, without source ranges:
// two models with the same meaning dump the same (used by round-trip tests).
std::string Dump(const Criteria& c);
std::string DumpExpr(const Expr& e);

}  // namespace cchc

#endif  // CCHC_CRITERIA_AST_H_
