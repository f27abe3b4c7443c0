// Reduction operators and tree reductions, serially and over worker processes that share memory.
// Lab task 4 (labs/08-processes/src/reduction.cpp).
//
// A reduction folds many values into one with a binary operator op and its identity (0 for +, 1 for *,
// "" for string concatenation). Splitting the work needs only associativity, (a op b) op c == a op (b op c),
// as long as the pieces are combined in index order; commutativity, a op b == b op a, is what lets the
// pieces be combined in any order (the book's queue of partial sums needs both).
//
// The tree's shape is fixed, so that every function below does the same operations and a floating-point
// result is the same to the last bit whatever the number of workers. One round turns the m values
// v[0..m) into ceil(m/2) values:
//     w[i] = op(v[2i], v[2i+1])   for i < m/2
//     w[m/2] = v[m-1]             when m is odd (the last value is carried over unchanged)
// and rounds repeat until one value is left. Example: {2, 7, 1, 8, 2, 8} -> {9, 9, 10} -> {18, 10} -> {28}.
//
// The functions are templates defined in src/reduction.cpp, which instantiates them for exactly the types
// listed at the end of this header.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>
#include <vector>

namespace hpc::processes {

template <class T>
using BinaryOp = std::function<T(const T&, const T&)>;

// The operator and the identity take their type from the values (`reduce_tree(xs, std::plus<>{}, 0)` with
// xs a std::vector<std::int64_t> works), not the other way round.
template <class T>
using OpFor = std::type_identity_t<BinaryOp<T>>;
template <class T>
using ValueFor = std::type_identity_t<T>;

// A 2x2 matrix of integers modulo 2^64, multiplied as matrices: associative but not commutative, like
// string concatenation, and trivially copyable, so it can live in shared memory (a std::string cannot).
struct Matrix2 {
  std::uint64_t a = 1, b = 0;  // [a b]
  std::uint64_t c = 0, d = 1;  // [c d]
  friend bool operator==(const Matrix2&, const Matrix2&) = default;
};

// GIVEN: the matrix product x * y (every operation modulo 2^64).
inline Matrix2 multiply(const Matrix2& x, const Matrix2& y) {
  return {x.a * y.a + x.b * y.c, x.a * y.b + x.b * y.d, x.c * y.a + x.d * y.c, x.c * y.b + x.d * y.d};
}

// The left fold identity op x[0] op x[1] ... op x[n-1]: identity for no values.
template <class T>
T reduce_sequential(const std::vector<T>& xs, const OpFor<T>& op, const ValueFor<T>& identity);

// The same values combined in the rounds described above, on the calling thread: identity for no values,
// x[0] itself for one (op is never called then). Needs op to be associative only, not commutative.
template <class T>
T reduce_tree(const std::vector<T>& xs, const OpFor<T>& op, const ValueFor<T>& identity);

// The same rounds, the same result (bit for bit) as reduce_tree, but every op call of a round runs in one
// of at most `workers` child processes, which write their results into memory shared with the caller
// (mmap MAP_SHARED, or shm_open). op is called only in the workers, never in the calling process.
// The caller waits for every worker it started, whatever happens: when a worker dies from a signal, exits
// with a status other than 0 or op throws inside it, the call throws std::runtime_error saying how the
// worker ended, after every other worker has ended too (never a wrong value, never a child left behind).
// Throws std::invalid_argument when workers < 1. T must be trivially copyable (it is copied as bytes).
template <class T>
T reduce_processes(const std::vector<T>& xs, const OpFor<T>& op, const ValueFor<T>& identity, int workers);

// Whether op is associative on every triple (a, b, c) of samples, and commutative on every pair (a, b)
// (each sample may appear more than once in a triple or pair). True for no samples.
template <class T>
bool is_associative_on(const OpFor<T>& op, const std::vector<T>& samples);
template <class T>
bool is_commutative_on(const OpFor<T>& op, const std::vector<T>& samples);

// The instantiations src/reduction.cpp provides.
#define HPC_PROCESSES_REDUCTION_SERIAL(T)                                                      \
  extern template T reduce_sequential<T>(const std::vector<T>&, const BinaryOp<T>&, const T&); \
  extern template T reduce_tree<T>(const std::vector<T>&, const BinaryOp<T>&, const T&);       \
  extern template bool is_associative_on<T>(const BinaryOp<T>&, const std::vector<T>&);        \
  extern template bool is_commutative_on<T>(const BinaryOp<T>&, const std::vector<T>&)
HPC_PROCESSES_REDUCTION_SERIAL(std::int64_t);
HPC_PROCESSES_REDUCTION_SERIAL(double);
HPC_PROCESSES_REDUCTION_SERIAL(std::string);
HPC_PROCESSES_REDUCTION_SERIAL(Matrix2);
#undef HPC_PROCESSES_REDUCTION_SERIAL
extern template std::int64_t reduce_processes<std::int64_t>(const std::vector<std::int64_t>&,
                                                            const BinaryOp<std::int64_t>&,
                                                            const std::int64_t&, int);
extern template double reduce_processes<double>(const std::vector<double>&, const BinaryOp<double>&,
                                                const double&, int);
extern template Matrix2 reduce_processes<Matrix2>(const std::vector<Matrix2>&, const BinaryOp<Matrix2>&,
                                                  const Matrix2&, int);

}  // namespace hpc::processes
