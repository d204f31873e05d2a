// `cchc template`: the evidence workbook an office fills in, generated from
// the criteria's record declarations (optionally filled with existing
// evidence). evidence/xlsx_loader.cc reads it back; docs/evidence-format.md.
#ifndef CCHC_ENGINE_RENDER_XLSX_TEMPLATE_H_
#define CCHC_ENGINE_RENDER_XLSX_TEMPLATE_H_

#include <string>
#include <string_view>
#include <vector>

#include "engine/core/plan.h"
#include "evidence/record.h"

namespace cchc {

struct TemplateOptions {
  // The criteria's source text: a field's trailing `# comment` becomes its
  // Vietnamese column label. May be empty.
  std::string_view criteria_text;
  // Existing evidence to fill the sheets with; null for an empty workbook.
  const Evidence* from = nullptr;
  // Override the unit's code and name (else from `from`).
  std::string unit_code, unit_name;
};

// Writes the workbook atomically to `path`. Records and fields the criteria
// do not declare cannot be written; each is named in *warnings. False with
// *error when the file cannot be written.
bool WriteEvidenceTemplate(const Plan& plan, const TemplateOptions& options,
                           const std::string& path, std::vector<std::string>* warnings,
                           std::string* error);

// The sheet names in workbook order: "Hướng dẫn", "Đơn vị", one per record
// kind, "Thẩm định".
std::vector<std::string> TemplateSheetNames(const Criteria& criteria);

// The Vietnamese label of a field's column ("" when none is known): the
// field's trailing comment in the criteria when it is prose, else a built-in
// label for the common fields.
std::string FieldLabel(const FieldDecl& field, std::string_view criteria_text);

}  // namespace cchc

#endif  // CCHC_ENGINE_RENDER_XLSX_TEMPLATE_H_
