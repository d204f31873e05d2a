// NFC composition and case folding of Vietnamese text (engine/util/vi_text):
// the whole alphabet decomposed and recomposed, marks in every canonically
// equivalent order, orders that are not equivalent, folding, invalid UTF-8.
#include "engine/util/vi_text.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace cchc::vi_text_test {
namespace {

// The 67 lower-case letters of the alphabet with every tone, and the upper
// case; below, the same in NFD (from Python's unicodedata, Unicode 14).
const std::string kLower =
    "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
const std::string kUpper =
    "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ";
const std::string kLowerNfd =
    "aa\u0300a\u0301a\u0309a\u0303a\u0323a\u0306a\u0306\u0300a\u0306\u0301a\u0306\u0309a\u0306"
    "\u0303a\u0323\u0306a\u0302a\u0302\u0300a\u0302\u0301a\u0302\u0309a\u0302\u0303a\u0323\u0302"
    "ee\u0300e\u0301e\u0309e\u0303e\u0323e\u0302e\u0302\u0300e\u0302\u0301e\u0302\u0309e\u0302"
    "\u0303e\u0323\u0302ii\u0300i\u0301i\u0309i\u0303i\u0323oo\u0300o\u0301o\u0309o\u0303o\u0323"
    "o\u0302o\u0302\u0300o\u0302\u0301o\u0302\u0309o\u0302\u0303o\u0323\u0302o\u031Bo\u031B\u0300"
    "o\u031B\u0301o\u031B\u0309o\u031B\u0303o\u031B\u0323uu\u0300u\u0301u\u0309u\u0303u\u0323"
    "u\u031Bu\u031B\u0300u\u031B\u0301u\u031B\u0309u\u031B\u0303u\u031B\u0323yy\u0300y\u0301"
    "y\u0309y\u0303y\u0323\u0111";
const std::string kUpperNfd =
    "AA\u0300A\u0301A\u0309A\u0303A\u0323A\u0306A\u0306\u0300A\u0306\u0301A\u0306\u0309A\u0306"
    "\u0303A\u0323\u0306A\u0302A\u0302\u0300A\u0302\u0301A\u0302\u0309A\u0302\u0303A\u0323\u0302"
    "EE\u0300E\u0301E\u0309E\u0303E\u0323E\u0302E\u0302\u0300E\u0302\u0301E\u0302\u0309E\u0302"
    "\u0303E\u0323\u0302II\u0300I\u0301I\u0309I\u0303I\u0323OO\u0300O\u0301O\u0309O\u0303O\u0323"
    "O\u0302O\u0302\u0300O\u0302\u0301O\u0302\u0309O\u0302\u0303O\u0323\u0302O\u031BO\u031B\u0300"
    "O\u031B\u0301O\u031B\u0309O\u031B\u0303O\u031B\u0323UU\u0300U\u0301U\u0309U\u0303U\u0323"
    "U\u031BU\u031B\u0300U\u031B\u0301U\u031B\u0309U\u031B\u0303U\u031B\u0323YY\u0300Y\u0301"
    "Y\u0309Y\u0303Y\u0323\u0110";

TEST(NfcVi, TheWholeAlphabetRoundTrips) {
  EXPECT_EQ(NfdVi(kLower), kLowerNfd);
  EXPECT_EQ(NfdVi(kUpper), kUpperNfd);
  EXPECT_EQ(NfcVi(kLowerNfd), kLower);
  EXPECT_EQ(NfcVi(kUpperNfd), kUpper);
  EXPECT_EQ(NfcVi(kLower), kLower);  // NFC text is kept
  EXPECT_EQ(NfcVi(kUpper), kUpper);
}

TEST(NfcVi, MarksInEveryEquivalentOrder) {
  // "Tốt": decomposed (macOS), base + tone (some keyboards), composed.
  EXPECT_EQ(NfcVi("To\u0302\u0301t"), "Tốt");
  EXPECT_EQ(NfcVi("T\u00f4\u0301t"), "Tốt");
  // ậ: dot below (class 220) sorts before the circumflex (230), either way.
  EXPECT_EQ(NfcVi("a\u0323\u0302"), "ậ");
  EXPECT_EQ(NfcVi("a\u0302\u0323"), "ậ");
  EXPECT_EQ(NfcVi("\u1ea1\u0302"), "ậ");  // ạ + circumflex
  EXPECT_EQ(NfcVi("\u00e2\u0323"), "ậ");  // â + dot below
  // ự: horn (216) before dot below (220).
  EXPECT_EQ(NfcVi("u\u0323\u031b"), "ự");
  EXPECT_EQ(NfcVi("u\u031b\u0323"), "ự");
  EXPECT_EQ(NfcVi("\u1ee5\u031b"), "ự");  // ụ + horn
  EXPECT_EQ(NfcVi("Xua\u0302\u0301t sa\u0306\u0301c"), "Xuất sắc");
  EXPECT_EQ(NfcVi("Y\u0301\u00ea\u0301u"), "Ýếu");
}

TEST(NfcVi, OrdersThatAreNotEquivalentStayApart) {
  // Acute then circumflex (both class 230) is not "ấ": NFC gives á + U+0302.
  EXPECT_EQ(NfcVi("a\u0301\u0302"), "\u00e1\u0302");
  // A fourth mark with nothing to join keeps its place after the composite.
  EXPECT_EQ(NfcVi("A\u0323\u0306\u0301"), "\u1eb6\u0301");
  // A mark with no letter before it, or after a letter it never joins.
  EXPECT_EQ(NfcVi("\u0301a"), "\u0301a");
  EXPECT_EQ(NfcVi("q\u0301"), "q\u0301");
  // Another combining mark (U+0331 macron below) blocks, as in this subset
  // it is treated as a starter.
  EXPECT_EQ(NfcVi("a\u0331\u0301"), "a\u0331\u0301");
}

TEST(NfcVi, OtherTextAndInvalidUtf8AreKept) {
  EXPECT_EQ(NfcVi(""), "");
  EXPECT_EQ(NfcVi("UBND 2026 (AK) ≥ 95 % — 東京 😀"), "UBND 2026 (AK) ≥ 95 % — 東京 😀");
  EXPECT_EQ(NfcVi("\xff o\u0302\xc3"), "\xff ô\xc3");
  EXPECT_EQ(NfcVi("\xc0\x80"), "\xc0\x80");          // overlong NUL
  EXPECT_EQ(NfcVi("\xed\xa0\x80"), "\xed\xa0\x80");  // a surrogate
}

TEST(NfcVi, TheShippedCriteriaAreAlreadyNfc) {
  std::ifstream in(std::string(CCHC_SOURCE_DIR) + "/examples/thai-nguyen-2026/criteria.cchc");
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(NfcVi(text), text);
  EXPECT_EQ(NfcVi(NfdVi(text)), text);
  EXPECT_NE(NfdVi(text), text);
}

TEST(FoldVi, CaseAndForm) {
  EXPECT_EQ(FoldVi(kUpper), kLower);
  EXPECT_EQ(FoldVi(kUpperNfd), kLower);
  EXPECT_EQ(FoldVi("TỐT"), "tốt");
  EXPECT_EQ(FoldVi("Đạt"), "đạt");
  EXPECT_TRUE(SameNameVi("Tốt", "tốt"));
  EXPECT_TRUE(SameNameVi("Tốt", "TO\u0302\u0301T"));
  EXPECT_TRUE(SameNameVi("Trung bình", "trung BÌNH"));
  EXPECT_TRUE(SameNameVi("Xuất sắc", "XUA\u0302\u0301T SA\u0306\u0301C"));
  EXPECT_FALSE(SameNameVi("Tốt", "Tot"));  // marks matter
  EXPECT_FALSE(SameNameVi("Tốt", "Tột"));
  EXPECT_FALSE(SameNameVi("Tốt", "Tốt "));
}

}  // namespace
}  // namespace cchc::vi_text_test
