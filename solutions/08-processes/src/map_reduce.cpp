// Lab 08, task 5, reference: a word count as map, shuffle and reduce on threads.
//
// No lock anywhere: mapper t writes only its own row of buckets, buckets[t][r] (its counts of the words
// reducer r owns: the mapper counts into one map, then shares it out by owner), and reducer r reads only
// column r, buckets[*][r], and writes only partitions[r]. Joining every mapper before any reducer starts is
// the one synchronisation: it orders all the rows' writes before the columns' reads.
#include "hpc/processes/map_reduce.hpp"

#include <stdexcept>
#include <thread>

namespace hpc::processes {

namespace {

// Adds the words of one document to counts. The word is built in a reused buffer, so a word already
// counted costs one hash look-up and no allocation.
void count_into(std::string_view text, WordCounts& counts) {
  std::string word;
  for (const char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      word += static_cast<char>(c | 0x20);
    } else if (!word.empty()) {
      ++counts[word];
      word.clear();
    }
  }
  if (!word.empty()) ++counts[word];
}

// The shuffle: moves each (word, count) of counts into the bucket of the reducer that owns the word.
// Done once per distinct word after counting, not once per occurrence: reducer_of hashes the word too.
void share_out(WordCounts& counts, std::vector<WordCounts>& buckets) {
  while (!counts.empty()) {
    auto node = counts.extract(counts.begin());  // moves the node, no copy of the word
    buckets[reducer_of(node.key(), buckets.size())].insert(std::move(node));
  }
}

// Runs body(0) .. body(n-1) at the same time, body(0) on the calling thread; returns when all are done.
template <class Body>
void run_on_threads(std::size_t n, const Body& body) {
  std::vector<std::jthread> helpers;
  helpers.reserve(n - 1);
  for (std::size_t i = 1; i < n; ++i) helpers.emplace_back(body, i);
  body(0);
}  // the jthreads join here

}  // namespace

WordCounts word_count_serial(const std::vector<std::string>& documents) {
  WordCounts counts;
  for (const std::string& document : documents) count_into(document, counts);
  return counts;
}

PartitionedCounts word_count_map_reduce(const std::vector<std::string>& documents, int threads) {
  if (threads < 1) throw std::invalid_argument("word_count_map_reduce: threads must be at least 1");
  const auto n = static_cast<std::size_t>(threads);

  // Map and shuffle: mapper t counts documents [t*size/n, (t+1)*size/n) into its row of buckets.
  std::vector<std::vector<WordCounts>> buckets(n, std::vector<WordCounts>(n));
  run_on_threads(n, [&](std::size_t t) {
    const std::size_t begin = documents.size() * t / n;
    const std::size_t end = documents.size() * (t + 1) / n;
    WordCounts local;
    for (std::size_t i = begin; i < end; ++i) count_into(documents[i], local);
    share_out(local, buckets[t]);
  });

  // Reduce: reducer r adds up column r, the counts every mapper made of the words r owns.
  PartitionedCounts result;
  result.partitions.resize(n);
  run_on_threads(n, [&](std::size_t r) {
    WordCounts& total = result.partitions[r];
    for (std::size_t t = 0; t < n; ++t) {
      if (total.empty()) {
        total = std::move(buckets[t][r]);
        continue;
      }
      for (const auto& [word, count] : buckets[t][r]) total[word] += count;
    }
  });
  return result;
}

}  // namespace hpc::processes
