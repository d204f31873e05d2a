// Evaluating a record kind's `require` condition over one record, at load
// time (the engine is a layer above and not available here).
#ifndef CCHC_EVIDENCE_INVARIANT_H_
#define CCHC_EVIDENCE_INVARIANT_H_

#include <optional>

#include "criteria/ast.h"
#include "evidence/record.h"

namespace cchc::evidence_internal {

// True or false; nullopt when a field the condition names is absent (the
// condition then says nothing about the record) or the expression uses what
// a record alone cannot answer (functions, sets, as_of).
std::optional<bool> EvalInvariant(const Expr& cond, const Record& record);

}  // namespace cchc::evidence_internal

#endif  // CCHC_EVIDENCE_INVARIANT_H_
