// The identity main() reports for the isolation self-test's program (a lab's programs get theirs from
// _hpc_lab_test_program in common/cmake/HpcCourse.cmake).
namespace hpc::common::lab_identity {
extern const char* const id = "00";
extern const char* const topic = "isolation-faults";
extern const char* const impl_name = "faults";
}  // namespace hpc::common::lab_identity
