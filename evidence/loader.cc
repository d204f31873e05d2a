// The loader facade: picks the format from the file name.
#include "evidence/loader.h"

#include "evidence/json_fast.h"

namespace cchc {

namespace {

bool HasExtension(std::string_view name, std::string_view ext) {
  if (name.size() < ext.size()) return false;
  name = name.substr(name.size() - ext.size());
  for (size_t i = 0; i < ext.size(); ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != ext[i]) return false;
  }
  return true;
}

}  // namespace

EvidenceLoad LoadEvidenceText(std::string_view text, const std::string& file_name,
                              const Criteria* schema, const EvidenceLimits& limits) {
  if (HasExtension(file_name, ".csv")) return LoadEvidenceCsv(text, file_name, schema, limits);
  if (HasExtension(file_name, ".xlsx")) return LoadEvidenceXlsx(text, file_name, schema, limits);
  return LoadEvidenceJson(text, file_name, schema, limits);
}

void LoadEvidenceTextInto(std::string_view text, const std::string& file_name,
                          const Criteria* schema, const EvidenceLimits& limits, EvidenceLoad* out) {
  if (HasExtension(file_name, ".csv") || HasExtension(file_name, ".xlsx")) {
    *out = LoadEvidenceText(text, file_name, schema, limits);
  } else if (!evidence_internal::LoadEvidenceJsonFastInto(text, file_name, schema, limits, out)) {
    *out = evidence_internal::LoadEvidenceJsonSax(text, file_name, schema, limits);  // reports
  }
}

EvidenceLoader::EvidenceLoader(const Criteria* schema, const EvidenceLimits& limits, bool origins)
    : schema_(schema),
      limits_(limits),
      origins_(origins),
      state_(evidence_internal::NewFastReaderState()) {}

EvidenceLoader::~EvidenceLoader() = default;

void EvidenceLoader::Load(std::string_view text, const std::string& file_name, EvidenceLoad* out,
                          bool padded) {
  if (HasExtension(file_name, ".csv") || HasExtension(file_name, ".xlsx")) {
    *out = LoadEvidenceText(text, file_name, schema_, limits_);
  } else if (!evidence_internal::LoadEvidenceJsonFastInto(text, file_name, schema_, limits_, out,
                                                          state_.get(), origins_, padded)) {
    *out = evidence_internal::LoadEvidenceJsonSax(text, file_name, schema_, limits_);  // reports
  }
}

void EvidenceLoader::KeepOnlyFields(const std::vector<std::string>& names) {
  evidence_internal::KeepOnlyFields(state_.get(), schema_, names);
}

}  // namespace cchc
