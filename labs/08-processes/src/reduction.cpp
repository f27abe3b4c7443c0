// Lab 08, task 4 (see labs/08-processes/LAB.md). Replace each body; keep the signatures and the list of
// instantiations at the end (the tests link against exactly those).
#include "hpc/processes/reduction.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::processes {

template <class T>
T reduce_sequential([[maybe_unused]] const std::vector<T>& xs, [[maybe_unused]] const OpFor<T>& op,
                    [[maybe_unused]] const ValueFor<T>& identity) {
  hpc::common::not_implemented();
}

template <class T>
T reduce_tree([[maybe_unused]] const std::vector<T>& xs, [[maybe_unused]] const OpFor<T>& op,
              [[maybe_unused]] const ValueFor<T>& identity) {
  hpc::common::not_implemented();
}

template <class T>
T reduce_processes([[maybe_unused]] const std::vector<T>& xs, [[maybe_unused]] const OpFor<T>& op,
                   [[maybe_unused]] const ValueFor<T>& identity, [[maybe_unused]] int workers) {
  hpc::common::not_implemented();
}

template <class T>
bool is_associative_on([[maybe_unused]] const OpFor<T>& op, [[maybe_unused]] const std::vector<T>& samples) {
  hpc::common::not_implemented();
}

template <class T>
bool is_commutative_on([[maybe_unused]] const OpFor<T>& op, [[maybe_unused]] const std::vector<T>& samples) {
  hpc::common::not_implemented();
}

#define HPC_PROCESSES_REDUCTION_SERIAL(T)                                               \
  template T reduce_sequential<T>(const std::vector<T>&, const BinaryOp<T>&, const T&); \
  template T reduce_tree<T>(const std::vector<T>&, const BinaryOp<T>&, const T&);       \
  template bool is_associative_on<T>(const BinaryOp<T>&, const std::vector<T>&);        \
  template bool is_commutative_on<T>(const BinaryOp<T>&, const std::vector<T>&)
HPC_PROCESSES_REDUCTION_SERIAL(std::int64_t);
HPC_PROCESSES_REDUCTION_SERIAL(double);
HPC_PROCESSES_REDUCTION_SERIAL(std::string);
HPC_PROCESSES_REDUCTION_SERIAL(Matrix2);
#undef HPC_PROCESSES_REDUCTION_SERIAL
template std::int64_t reduce_processes<std::int64_t>(const std::vector<std::int64_t>&,
                                                     const BinaryOp<std::int64_t>&, const std::int64_t&, int);
template double reduce_processes<double>(const std::vector<double>&, const BinaryOp<double>&, const double&,
                                         int);
template Matrix2 reduce_processes<Matrix2>(const std::vector<Matrix2>&, const BinaryOp<Matrix2>&,
                                           const Matrix2&, int);

}  // namespace hpc::processes
