// Opening a batch's INPUT: a folder of .json/.csv/.xlsx evidence files, one NDJSON
// file, or a single evidence file.
#include "cli/commands/batch_inputs.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/commands/io.h"
#include "cli/commands/load.h"
#include "cli/commands/ndjson_file.h"

namespace cchc {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsNdjson(const std::string& path) {
  const std::string ext = Lower(std::filesystem::path(path).extension().string());
  return ext == ".ndjson" || ext == ".jsonl";
}

// Evidence files, read by the workers themselves.
class FileInputs : public BatchInputs {
 public:
  explicit FileInputs(std::vector<std::string> paths) : paths_(std::move(paths)) {}
  size_t size() const override { return paths_.size(); }
  std::string Name(size_t i) const override { return paths_[i]; }
  bool Read(size_t i, std::string* buffer, std::string_view* text,
            std::string* error) const override {
    auto data = ReadWholeFile(paths_[i], kMaxEvidenceBytes, error);
    if (!data) return false;
    *buffer = std::move(*data);
    *text = *buffer;
    return true;
  }

 private:
  std::vector<std::string> paths_;
};

// NDJSON read whole (a pipe, say), owning its text.
class NdjsonTextInputs : public BatchInputs {
 public:
  NdjsonTextInputs(const std::string& file, std::string text)
      : text_(std::move(text)), lines_(file, text_) {}
  size_t size() const override { return lines_.size(); }
  std::string Name(size_t i) const override { return lines_.Name(i); }
  bool Read(size_t i, std::string* buffer, std::string_view* text,
            std::string* error) const override {
    return lines_.Read(i, buffer, text, error);
  }
  size_t Line(size_t i) const override { return lines_.Line(i); }

 private:
  std::string text_;
  NdjsonInputs lines_;
};

// The .json / .csv / .xlsx files of a folder, sorted by name; *skipped counts others.
std::vector<std::string> ListEvidence(const std::string& dir, size_t* skipped, std::string* error) {
  std::vector<std::string> out;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string ext = Lower(it->path().extension().string());
    if ((ext == ".json" || ext == ".csv" || ext == ".xlsx") && !it->is_directory()) {
      out.push_back(it->path().string());
    } else {
      ++*skipped;
    }
  }
  if (ec) *error = ec.message();
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::unique_ptr<BatchInputs> OpenBatchInputs(const std::string& input, std::string* ndjson_text,
                                             std::ostream& err) {
  std::error_code ec;
  std::unique_ptr<BatchInputs> inputs;
  if (std::filesystem::is_directory(input, ec)) {
    size_t skipped = 0;
    std::string why;
    std::vector<std::string> files = ListEvidence(input, &skipped, &why);
    if (!why.empty()) {
      err << input << ": error: cannot list the folder: " << why << "\n";
      return nullptr;
    }
    if (files.empty()) {
      err << input
          << ": error: no .json, .csv or .xlsx evidence files in the folder; nothing scored\n";
      return nullptr;
    }
    if (skipped) {
      err << input << ": note: skipped " << skipped
          << " entries that are not .json, .csv or .xlsx files\n";
    }
    inputs = std::make_unique<FileInputs>(std::move(files));
  } else if (IsNdjson(input)) {
    if (ndjson_text == nullptr) {
      inputs = NdjsonFileInputs::Open(input, InputLimit(InputFile::kNdjson));
    }
    if (!inputs) {  // not a regular file, or unreadable: ReadInput says why
      auto text = ReadInput(input, InputFile::kNdjson, err);
      if (!text) return nullptr;
      if (ndjson_text != nullptr) {
        *ndjson_text = std::move(*text);
        inputs = std::make_unique<NdjsonInputs>(input, *ndjson_text);
      } else {
        inputs = std::make_unique<NdjsonTextInputs>(input, std::move(*text));
      }
    }
    if (inputs->size() == 0) {
      err << input << ": error: the NDJSON file has no evidence lines; nothing scored\n";
      return nullptr;
    }
  } else if (std::filesystem::exists(input, ec)) {
    inputs = std::make_unique<FileInputs>(std::vector<std::string>{input});  // a batch of one
  } else {
    err << input << ": error: no such file or folder\n";
    return nullptr;
  }
  return inputs;
}

}  // namespace cchc
