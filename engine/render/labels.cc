// Choosing the label table, and filling a sentence's holes.
#include "engine/render/labels.h"

namespace cchc {

const Labels& LabelsFor(Lang lang) { return lang == Lang::kEn ? EnLabels() : ViLabels(); }

std::string WeightSchemeLabel(const std::string& scheme, Lang lang) {
  const Labels::Weights& l = LabelsFor(lang).weights;
  if (scheme == "max") return l.by_max;
  if (scheme == "equal") return l.equal;
  if (scheme == "equal-criteria") {  // equal areas, and equal criteria within each
    return lang == Lang::kEn ? "equal area and criterion"
                             : "bằng nhau giữa các lĩnh vực và giữa các tiêu chí";
  }
  if (scheme == "criteria") return l.declared;
  return Fill(l.file, {scheme});
}

std::string Fill(std::string_view text, std::initializer_list<std::string_view> args) {
  std::string out;
  out.reserve(text.size() + 32);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 2 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9' &&
        text[i + 2] == '}') {
      const size_t k = static_cast<size_t>(text[i + 1] - '0');
      if (k < args.size()) out.append(*(args.begin() + k));
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

}  // namespace cchc
