// Field lookup on records.
#include "evidence/record.h"

namespace cchc {

const Value* Record::Find(const std::string& field) const {
  for (const auto& [name, value] : fields) {
    if (name == field) return &value;
  }
  return nullptr;
}

Value* Record::Find(const std::string& field) {
  for (auto& [name, value] : fields) {
    if (name == field) return &value;
  }
  return nullptr;
}

void Record::Set(const std::string& field, Value v) {
  if (Value* existing = Find(field)) {
    *existing = std::move(v);
  } else {
    fields.emplace_back(field, std::move(v));
  }
}

}  // namespace cchc
