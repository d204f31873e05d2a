// Vietnamese upper case for headings (the XLSX form's unit line).
#include "engine/util/text.h"

#include <gtest/gtest.h>

namespace cchc::text_test {
namespace {

TEST(UpperVi, VietnameseLetters) {
  EXPECT_EQ(UpperVi("Xã An Khánh"), "XÃ AN KHÁNH");
  EXPECT_EQ(UpperVi("đường ưu ơi ạ ỹ ằ ộ"), "ĐƯỜNG ƯU ƠI Ạ Ỹ Ằ Ộ");
  EXPECT_EQ(UpperVi("UBND 2026 (AK)"), "UBND 2026 (AK)");
  EXPECT_EQ(UpperVi("ž"), "ž");                // outside the letters Vietnamese uses: kept
  EXPECT_EQ(UpperVi("\xff bad"), "\xff BAD");  // invalid UTF-8 kept
}

}  // namespace
}  // namespace cchc::text_test
