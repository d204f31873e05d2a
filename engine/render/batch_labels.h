// Labels of the batch reports (table, Markdown, XLSX) in Vietnamese (default)
// and English.
#ifndef CCHC_ENGINE_RENDER_BATCH_LABELS_H_
#define CCHC_ENGINE_RENDER_BATCH_LABELS_H_

#include "criteria/ast.h"
#include "engine/render/score.h"

namespace cchc {

struct BatchLabels {
  const char *title, *rank, *code, *unit, *index, *band, *points, *max, *appraised, *gap,
      *area_stats, *area, *name, *n, *mean, *median, *min, *maximum, *bands, *count, *gaps, *item,
      *self, *failed, *source, *error, *missing, *read, *scored, *failed_n, *none, *ties_shared,
      *ties_dense, *sheet_ranking, *sheet_areas, *sheet_items, *sheet_gaps, *sheet_failed;
};

inline const BatchLabels& BatchL(Lang lang) {
  static const BatchLabels kVi = {"Xếp hạng Chỉ số CCHC",
                                  "Hạng",
                                  "Mã",
                                  "Đơn vị",
                                  "Chỉ số",
                                  "Xếp loại",
                                  "Điểm",
                                  "Tối đa",
                                  "Thẩm định",
                                  "Chênh lệch",
                                  "Thống kê theo lĩnh vực (%)",
                                  "Lĩnh vực",
                                  "Nội dung",
                                  "Số đơn vị",
                                  "Trung bình",
                                  "Trung vị",
                                  "Nhỏ nhất",
                                  "Lớn nhất",
                                  "Số đơn vị theo xếp loại",
                                  "Số đơn vị",
                                  "Chênh lệch lớn nhất (thẩm định − tự chấm)",
                                  "Tiêu chí",
                                  "Tự chấm",
                                  "Không chấm được",
                                  "Nguồn",
                                  "Lỗi",
                                  "Thiếu TLKC",
                                  "đọc",
                                  "chấm",
                                  "lỗi",
                                  "không có",
                                  "đồng hạng, hạng sau bị bỏ qua (1, 1, 3)",
                                  "đồng hạng, hạng sau liên tiếp (1, 1, 2)",
                                  "Xếp hạng",
                                  "Lĩnh vực",
                                  "Ma trận tiêu chí",
                                  "Tự chấm - Thẩm định",
                                  "Lỗi"};
  static const BatchLabels kEn = {"PAR index ranking",
                                  "Rank",
                                  "Code",
                                  "Unit",
                                  "Index",
                                  "Band",
                                  "Points",
                                  "Max",
                                  "Appraised",
                                  "Gap",
                                  "Per-area statistics (%)",
                                  "Area",
                                  "Name",
                                  "Units",
                                  "Mean",
                                  "Median",
                                  "Min",
                                  "Max",
                                  "Units per band",
                                  "Units",
                                  "Largest gaps (appraised − self)",
                                  "Item",
                                  "Self",
                                  "Failed",
                                  "Source",
                                  "Error",
                                  "Missing evidence",
                                  "read",
                                  "scored",
                                  "failed",
                                  "none",
                                  "shared (1, 1, 3)",
                                  "dense (1, 1, 2)",
                                  "Ranking",
                                  "Areas",
                                  "Item matrix",
                                  "Self vs appraised",
                                  "Failed"};
  return lang == Lang::kVi ? kVi : kEn;
}

inline const char* TiesLabel(TieRule rule, Lang lang) {
  return rule == TieRule::kDense ? BatchL(lang).ties_dense : BatchL(lang).ties_shared;
}

}  // namespace cchc

#endif  // CCHC_ENGINE_RENDER_BATCH_LABELS_H_
