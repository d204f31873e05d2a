// The renderers' shared pieces: cell escaping, the tabular model's three
// writers, label filling, and that both label tables are complete.
#include <gtest/gtest.h>

#include <string>

#include "engine/render/cells.h"
#include "engine/render/labels.h"
#include "engine/render/text_table.h"
#include "engine/util/numfmt.h"

namespace cchc::render_cells_test {
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

TEST(TextTable, FitsAWidthByCuttingOnlyTheColumnsThatAllowIt) {
  TextTable t;
  t.AddColumn("Mã");
  t.AddColumn("Nội dung", TextTable::Align::kLeft, 40);
  t.AddColumn("Điểm", TextTable::Align::kRight);
  t.AddRow({"1.1.1", "Ban hành Kế hoạch CCHC năm của UBND xã đúng thời hạn", "1"});
  // Natural width 5 + 2 + 40 + 2 + 4 = 53; fitted into 30, only the name gives way.
  EXPECT_EQ(t.Render({.width = 30}),
            "Mã     Nội dung           Điểm\n"
            "------------------------------\n"
            "1.1.1  Ban hành Kế hoạc…     1\n");
  // Without a width the column keeps its own limit (40).
  EXPECT_NE(t.Render().find("Ban hành Kế hoạch CCHC năm của UBND xã …"), std::string::npos);
}

TEST(TextTable, NotesStandUnderTheirRowWrappedToTheWidth) {
  TextTable t;
  t.AddColumn("Mã");
  t.AddColumn("Điểm", TextTable::Align::kRight);
  t.AddRow({"1.1.1", "1"});
  t.AddNote("ngày 20/01/2026, hạn 31/01/2026 → đúng hạn: 1/1 điểm");
  EXPECT_EQ(t.Render({.width = 30}),
            "Mã     Điểm\n"
            "-----------\n"
            "1.1.1     1\n"
            "       ngày 20/01/2026, hạn\n"
            "       31/01/2026 → đúng hạn:\n"
            "       1/1 điểm\n");
  EXPECT_EQ(t.RenderMarkdown().find("ngày"), std::string::npos);  // notes are terminal only
  EXPECT_EQ(t.RenderCsv().find("ngày"), std::string::npos);
}

TEST(TextTable, VietnameseNumbersInRightAlignedCellsOnly) {
  TextTable t;
  t.AddColumn("Mã");
  t.AddColumn("Giá trị", TextTable::Align::kRight);
  for (const char* v : {"1152", "-0.25", "96.00 %", "9.36/12", "2.5 (+0.3125)", "2026-11-18",
                        "1.1.1", "—", "Khá → Tốt"}) {
    t.AddRow({"1152.5", v});
  }
  const std::string md = t.RenderMarkdown({.vietnamese_numbers = true});
  for (const char* want :
       {"| 1152.5 | 1.152 |", "| -0,25 |", "| 96,00 % |", "| 9,36/12 |", "| 2,5 (+0,3125) |",
        "| 2026-11-18 |", "| 1.1.1 |", "| — |", "| Khá → Tốt |"}) {
    EXPECT_NE(md.find(want), std::string::npos) << want << "\n" << md;
  }
  // CSV is a machine format: unchanged.
  EXPECT_NE(t.RenderCsv().find("\n1152.5,1152\n"), std::string::npos);
  EXPECT_NE(t.RenderCsv().find("\n1152.5,96.00 %\n"), std::string::npos);
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
}  // namespace cchc::render_cells_test
