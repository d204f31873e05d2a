// The renderers' shared pieces: cell escaping, the tabular model's three
// writers, label filling, and that both label tables are complete.
#include <gtest/gtest.h>

#include <string>

#include "engine/render/cells.h"
#include "engine/render/labels.h"
#include "engine/render/text_table.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

TEST(RenderCells, MarkdownCellKeepsLineBreaksAndPipesInside) {
  EXPECT_EQ(MdCell("a|b"), "a\\|b");
  EXPECT_EQ(MdCell("line 1\nline 2"), "line 1<br>line 2");
  EXPECT_EQ(MdCell("line 1\r\nline 2\rline 3"), "line 1<br>line 2<br>line 3");
  EXPECT_EQ(MdCell("Tốt"), "Tốt");
}

TEST(RenderCells, CsvCellQuotesWhenNeeded) {
  EXPECT_EQ(CsvCell("plain"), "plain");
  EXPECT_EQ(CsvCell("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvCell("two\nlines"), "\"two\nlines\"");
}

TEST(RenderCells, JoinAndSignedGains) {
  EXPECT_EQ(Join({"a", "b", "c"}), "a, b, c");
  EXPECT_EQ(Join({"a", "b"}, ";"), "a;b");
  EXPECT_EQ(Join({}), "");
  EXPECT_EQ(Gain(0.30456853, 2), "+0.3046");
  EXPECT_EQ(Gain(-1.5, 2), "-1.5");
  EXPECT_EQ(Gain(0.00001, 2), "0");
  EXPECT_EQ(FormatSigned(2.5, 2), "+2.5");
  EXPECT_EQ(FormatSigned(-0.004, 2), "0");
}

TEST(TextTable, OneModelThreeWriters) {
  TextTable t;
  t.AddColumn("Mã");
  t.AddColumn("Nội dung", TextTable::Align::kLeft, 6);
  t.AddColumn("Điểm", TextTable::Align::kRight);
  t.AddRow({"1.1", "Kế hoạch năm", "1"});
  EXPECT_EQ(t.Render(),
            "Mã   Nội dung  Điểm\n"
            "-------------------\n"
            "1.1  Kế ho…       1\n");
  t.AddRow({"1.2", "A|B\nC", "0.5"});
  EXPECT_EQ(t.RenderMarkdown(),
            "| Mã | Nội dung | Điểm |\n"
            "|---|---|---:|\n"
            "| 1.1 | Kế hoạch năm | 1 |\n"
            "| 1.2 | A\\|B<br>C | 0.5 |\n");
  EXPECT_EQ(t.RenderCsv(),
            "Mã,Nội dung,Điểm\n"
            "1.1,Kế hoạch năm,1\n"
            "1.2,\"A|B\nC\",0.5\n");
}

TEST(Labels, FillPutsValuesInTheirHoles) {
  EXPECT_EQ(Fill("{1} trên {0}", {"5", "4"}), "4 trên 5");
  EXPECT_EQ(Fill("no holes", {"x"}), "no holes");
  EXPECT_EQ(Fill("{0}{3}", {"a"}), "a");  // a hole without a value stays empty
}

// Every label of both tables is set: a missing one would be a null pointer.
TEST(Labels, BothTablesAreComplete) {
  for (Lang lang : {Lang::kVi, Lang::kEn}) {
    const Labels& l = LabelsFor(lang);
    const auto* p = reinterpret_cast<const char* const*>(&l);
    const size_t n = sizeof(Labels) / sizeof(const char*);
    static_assert(sizeof(Labels) % sizeof(const char*) == 0);
    for (size_t i = 0; i < n; ++i) EXPECT_NE(p[i], nullptr) << "label #" << i;
  }
  EXPECT_STREQ(LabelsFor(Lang::kVi).common.band, "Xếp loại");
  EXPECT_STREQ(LabelsFor(Lang::kEn).common.band, "Band");
}

}  // namespace
}  // namespace cchc
