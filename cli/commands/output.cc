// Output format resolution, the CSV BOM and the success line for -o.
#include "cli/commands/output.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>

#include "cli/commands/load.h"
#include "cli/commands/suggest.h"

namespace cchc {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The name people know a format by, in messages and the success line.
std::string_view Label(std::string_view format, Lang lang) {
  if (format == "table") return lang == Lang::kVi ? "bảng" : "table";
  if (format == "json") return "JSON";
  if (format == "csv") return "CSV";
  if (format == "md") return "Markdown";
  if (format == "html") return "HTML";
  if (format == "xlsx") return "XLSX";
  if (format == "cchc") return lang == Lang::kVi ? "tiêu chí" : "criteria";
  return format;
}

std::string Join(const std::vector<std::string_view>& names) {
  std::string s;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) s += ", ";
    s += names[i];
  }
  return s;
}

}  // namespace

std::string_view FormatOfExtension(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const size_t dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "";
  std::string ext(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == "xlsx") return "xlsx";
  if (ext == "html" || ext == "htm") return "html";
  if (ext == "json") return "json";
  if (ext == "csv") return "csv";
  if (ext == "md") return "md";
  return "";
}

bool ResolveFormat(std::string_view command, const std::string& typed_flag, const std::string& path,
                   const std::vector<std::string_view>& supported, std::string_view fallback,
                   std::string* format, std::ostream& err) {
  std::string flag = typed_flag;  // --format JSON is --format json
  std::transform(flag.begin(), flag.end(), flag.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const bool to_file = !path.empty() && path != "-";
  const std::string_view by_extension = to_file ? FormatOfExtension(path) : "";
  const auto supports = [&](std::string_view f) {
    return std::find(supported.begin(), supported.end(), f) != supported.end();
  };
  if (!flag.empty()) {
    if (!supports(flag)) {
      err << "error: unknown --format '" << typed_flag << "' (" << Join(supported) << ")";
      const std::string near =
          ClosestName(flag, std::vector<std::string>(supported.begin(), supported.end()));
      if (!near.empty()) err << "; did you mean '" << near << "'?";
      err << "\n";
      return false;
    }
    if (!by_extension.empty() && by_extension != flag) {
      err << "error: --format " << flag << " contradicts -o " << path << " (its extension means "
          << Label(by_extension, Lang::kEn) << "); drop --format to write "
          << Label(by_extension, Lang::kEn) << ", or give a file name that matches --format "
          << flag << "\n";
      return false;
    }
    *format = flag;
    return true;
  }
  if (!by_extension.empty() && !supports(by_extension)) {
    err << "error: -o " << path << ": cchc " << command << " does not write "
        << Label(by_extension, Lang::kEn) << " (it writes " << Join(supported)
        << "); choose a file name ending in one of those";
    if (by_extension == "html" || (by_extension == "xlsx" && command != "batch")) {
      err << " (cchc report writes the commune's HTML report and XLSX form)";
    }
    err << "\n";
    return false;
  }
  *format = by_extension.empty() ? std::string(fallback) : std::string(by_extension);
  return true;
}

bool ParseOutputFlags(std::string_view command, const OutputOptions& o, bool xlsx_too,
                      std::string* name, OutputFormat* f, RenderOptions* r, std::ostream& err) {
  std::vector<std::string_view> supported = {"table", "json", "csv", "md"};
  if (xlsx_too) supported.push_back("xlsx");
  if (!ResolveFormat(command, o.format, o.output, supported, "table", name, err)) return false;
  if (!ParseRenderFlags(*name == "xlsx" ? "table" : *name, o.lang, f, r, err)) return false;
  if (o.wide) r->width = 0;  // --wide: terminal tables at full width
  if (o.bom && *name != "csv") {
    err << "error: --bom is for CSV output (--format csv or -o FILE.csv); this output is "
        << Label(*name, Lang::kEn) << "\n";
    return false;
  }
  return true;
}

bool EmitOutput(std::string data, const OutputOptions& o, std::string_view format, Lang lang,
                std::ostream& out, std::ostream& err) {
  if (o.bom) data.insert(0, kBom);
  if (!Emit(data, o.output, out, err)) return false;
  if (!o.output.empty() && o.output != "-") SayWritten(o.output, format, lang, err);
  return true;
}

std::string HumanSize(unsigned long long bytes, Lang lang) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < 1024ull * 1024) return std::to_string((bytes + 1023) / 1024) + " KB";
  const unsigned long long tenths = (bytes * 10 + 1024 * 1024 - 1) / (1024 * 1024);
  return std::to_string(tenths / 10) + (lang == Lang::kVi ? "," : ".") +
         std::to_string(tenths % 10) + " MB";
}

void SayWritten(const std::string& path, std::string_view format, Lang lang, std::ostream& err) {
  err << (lang == Lang::kVi ? "Đã ghi " : "Wrote ") << path << " (" << Label(format, lang);
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    err << ", " << HumanSize(static_cast<unsigned long long>(st.st_size), lang);
  }
  err << ").\n";
}

}  // namespace cchc
