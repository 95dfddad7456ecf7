// Records libstdc++'s iteration order of std::unordered_map<size_t, int> (GCC 12, as Fluxion is
// built here) for StdUnorderedOrderTest. Input: one case a line, "n k1 .. kn" (distinct keys, in
// insertion order); output: "buckets o1 .. on" (the bucket count and the iteration order).
// expected.txt pairs them as "k1 .. kn | o1 .. on": g++ -O1 -o gen gen.cpp && ./gen < in.txt
#include <cstdio>
#include <unordered_map>
#include <vector>

int main() {
  int n;
  while (scanf("%d", &n) == 1) {
    std::unordered_map<size_t, int> m;
    for (int i = 0; i < n; i++) {
      unsigned long k;
      if (scanf("%lu", &k) != 1) return 1;
      m[k] += 1;
    }
    printf("%zu", m.bucket_count());
    for (auto &kv : m) printf(" %zu", kv.first);
    printf("\n");
  }
  return 0;
}
