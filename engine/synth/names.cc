// Plausible Vietnamese commune names and codes for synthetic units: two
// syllables from fixed lists, drawn without replacement under a seed.
#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/synth/synth.h"
#include "engine/util/random.h"

namespace cchc {
namespace {

const char* const kFirst[] = {
    "An",    "Bảo",    "Bình",  "Cao",  "Cẩm",   "Chí",  "Đại",   "Đông",  "Đồng",   "Đức",
    "Gia",   "Hà",     "Hải",   "Hòa",  "Hoàng", "Hồng", "Hưng",  "Hương", "Kim",    "La",
    "Lạc",   "Lam",    "Liên",  "Long", "Minh",  "Mỹ",   "Nam",   "Nghĩa", "Ngọc",   "Phú",
    "Phúc",  "Quang",  "Quyết", "Sơn",  "Tân",   "Thái", "Thanh", "Thành", "Thượng", "Tiên",
    "Trung", "Trường", "Tràng", "Vạn",  "Văn",   "Vĩnh", "Xuân",  "Yên"};
const char* const kSecond[] = {
    "An",   "Bình",  "Cương",  "Châu",  "Đạt",   "Điền", "Định",   "Đoàn",  "Đô",
    "Đức",  "Dương", "Giang",  "Hà",    "Hải",   "Hanh", "Hòa",    "Hợp",   "Hưng",
    "Hùng", "Khánh", "Khê",    "Kỳ",    "Lạc",   "Lâm",  "Lập",    "Lễ",    "Linh",
    "Lộc",  "Lợi",   "Long",   "Lương", "Minh",  "Mỹ",   "Nghĩa",  "Ninh",  "Phong",
    "Phú",  "Phúc",  "Phương", "Quan",  "Quang", "Sinh", "Sơn",    "Tài",   "Tâm",
    "Tân",  "Thạch", "Thái",   "Thắng", "Thịnh", "Thọ",  "Thuận",  "Thủy",  "Tiến",
    "Tín",  "Trạch", "Trung",  "Tú",    "Tuấn",  "Vân",  "Vinh",   "Vượng", "Xá",
    "Xuân", "Yên",   "Ổn",     "Chu",   "Cường", "Hoan", "Nguyên", "Hiệp",  "Thông"};

}  // namespace

std::vector<std::string> SynthUnitNames(uint64_t seed, int count) {
  std::vector<std::string> pairs;
  for (const char* a : kFirst) {
    for (const char* b : kSecond) {
      if (std::string(a) != b) pairs.push_back(std::string(a) + " " + b);
    }
  }
  SynthRandom rng(seed ^ 0x6E616D6573ull);  // "names"
  for (size_t i = pairs.size() - 1; i > 0; --i) {
    std::swap(pairs[i], pairs[rng.Below(i + 1)]);
  }
  std::vector<std::string> out;
  out.reserve(static_cast<size_t>(count > 0 ? count : 0));
  for (int i = 0; i < count; ++i) {
    const size_t k = static_cast<size_t>(i) % pairs.size();
    const size_t round = static_cast<size_t>(i) / pairs.size();
    std::string name = (rng.Chance(0.22) ? "Phường " : "Xã ") + pairs[k];
    if (round > 0) name += " " + std::to_string(round + 1);
    out.push_back(std::move(name));
  }
  return out;
}

std::string ProvinceInitials(const std::string& province) {
  std::string out;
  bool start = true;
  for (size_t i = 0; i < province.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(province[i]);
    if (c == ' ' || c == '-') {
      start = true;
      continue;
    }
    if (start && c < 0x80 && std::isalpha(c)) out += static_cast<char>(std::toupper(c));
    if (start && c == 0xC4 && i + 1 < province.size() &&
        static_cast<unsigned char>(province[i + 1]) == 0x90) {
      out += 'D';  // "Đ"
    }
    start = false;
  }
  return out.empty() ? "XA" : out;
}

}  // namespace cchc
