#pragma once
// For the variant matmul_tiled_fake_barriers (tasks34.cmake): the fake tiled kernel the student tester
// wrote. It asks for shared memory, waits once per tile step, and then computes its element as the naive
// body does, from A and B in global memory; right numbers, right barrier count, no tiles. A macro because a
// variant's PATCH text cannot hold a ';'. It ends in `return;`, so the real body after it never runs.
#define HPC_FAKE_TILED_BODY(t, n, a, b, c)                             \
  (void)t.template shared<float>();                                    \
  for (int k0 = 0; k0 < n; k0 += int(t.block_dim.x)) t.sync_threads(); \
  matmul_naive_body(t, n, a, b, c);                                    \
  return;
