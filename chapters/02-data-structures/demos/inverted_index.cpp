// The book's inverted index: its four documents and queries, answered by a linear scan and by the
// lab's InvertedIndex; then both on a larger synthetic collection, timed.
//
//   ch02_demo_inverted_index           collections of 10,000 / 100,000 documents
//   ch02_demo_inverted_index --quick   1,000 / 10,000 documents (CI)
#include "hpc/datastructures/inverted_index.hpp"

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "hpc/common/demo.hpp"

namespace {

using namespace hpc::common::demo;
using hpc::datastructures::InvertedIndex;

std::string ids(const std::vector<int>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i > 0) out += ", ";
    out += std::to_string(v[i]);
  }
  return out + "]";
}

std::string made_up_word(int k) {
  std::string word = "w";
  word += std::to_string(k);
  return word;
}

// The book's scan, `[doc for doc in docs if word in doc]`: a substring test, so "cat" also finds "cats".
std::vector<int> scan_substring(const std::vector<std::string>& docs, std::string_view word) {
  std::vector<int> found;
  for (std::size_t i = 0; i < docs.size(); ++i)
    if (docs[i].find(word) != std::string::npos) found.push_back(static_cast<int>(i));
  return found;
}

// A fair baseline for the index: a scan that matches whole words only (single spaces separate words).
std::vector<int> scan_words(const std::vector<std::string>& docs, std::string_view word) {
  std::vector<int> found;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const std::string_view doc = docs[i];
    for (auto at = doc.find(word); at != std::string_view::npos; at = doc.find(word, at + 1)) {
      const bool starts = at == 0 || doc[at - 1] == ' ';
      const bool ends = at + word.size() == doc.size() || doc[at + word.size()] == ' ';
      if (starts && ends) {
        found.push_back(static_cast<int>(i));
        break;
      }
    }
  }
  return found;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick =
      parse_quick(argc, argv, "The book's inverted index: four documents, then a timed collection.");

  // [snippet:book-index]
  const std::vector<std::string> docs = {
      "the cat is under the table",  // id 0
      "the dog is under the table",  // id 1
      "cats and dogs smell roses",   // id 2
      "Carla eats an apple",         // id 3
  };
  const InvertedIndex index(docs);
  const std::vector<std::string> cat_and_table = {"cat", "table"};
  // [/snippet:book-index]

  Table book({"query", "book's answer", "substring scan", "InvertedIndex"});
  book.row({"table", "[0, 1]", ids(scan_substring(docs, "table")), ids(index.lookup("table"))});
  book.row({"cat", "-", ids(scan_substring(docs, "cat")), ids(index.lookup("cat"))});
  book.row({"cats", "-", ids(scan_substring(docs, "cats")), ids(index.lookup("cats"))});
  book.row({"Carla", "-", ids(scan_substring(docs, "Carla")), ids(index.lookup("Carla"))});
  book.row({"cat AND table", "{0}", "-", ids(index.query_all(cat_and_table))});
  book.print();
  std::cout << "\nDistinct terms: " << index.term_count()
            << " (case-sensitive: \"Carla\" and \"cats\" are their "
            << "own terms)\n";
  const bool ok = index.lookup("table") == std::vector<int>{0, 1} &&
                  index.query_all(cat_and_table) == std::vector<int>{0} && index.term_count() == 15;
  std::cout << (ok ? "check: the book's answers\n\n" : "check FAILED\n\n");

  // A larger collection: documents of 10 words drawn from a vocabulary of 5,000 made-up words.
  const std::vector<int> sizes = quick ? std::vector<int>{1'000, 10'000} : std::vector<int>{10'000, 100'000};
  std::mt19937 rng(2);
  std::uniform_int_distribution<int> pick(0, 4999);
  Table timed({"documents", "build the index (ms)", "word scan per query (us)", "index lookup per query (us)",
               "ratio"});
  bool same = true;
  for (const int n : sizes) {
    std::vector<std::string> collection;
    for (int d = 0; d < n; ++d) {
      std::string doc;
      for (int w = 0; w < 10; ++w) {
        if (w > 0) doc += ' ';
        doc += made_up_word(pick(rng));
      }
      collection.push_back(std::move(doc));
    }
    std::vector<std::string> queries;
    for (int q = 0; q < 20; ++q) queries.push_back(made_up_word(pick(rng)));

    const double build = best_seconds([&] { keep(InvertedIndex(collection).term_count()); }, 3);
    const InvertedIndex big(collection);
    const double scan = best_seconds(
                            [&] {
                              for (const auto& q : queries) keep(scan_words(collection, q).size());
                            },
                            quick ? 3 : 10) /
                        static_cast<double>(queries.size());
    const double lookup = best_seconds(
                              [&] {
                                for (const auto& q : queries) keep(big.lookup(q).size());
                              },
                              quick ? 30 : 300) /
                          static_cast<double>(queries.size());
    for (const auto& q : queries) same = same && scan_words(collection, q) == big.lookup(q);
    timed.row({std::to_string(n), fixed(build * 1e3, 2), fixed(scan * 1e6, 1), fixed(lookup * 1e6, 3),
               fixed(scan / lookup, 0) + "x"});
  }
  timed.print();
  std::cout << (same ? "check: scan and index found the same documents for every query\n"
                     : "check FAILED: scan and index disagree\n");
  return ok && same ? 0 : 1;
}
