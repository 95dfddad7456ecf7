// Generates libstdc++ std::sort reference permutations for StdSortTest.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>
struct E { int64_t key; int32_t idx; };
static uint64_t st;
static uint32_t nextRand() { st = st * 6364136223846793005ULL + 1442695040888963407ULL; return (uint32_t)(st >> 33); }
int main() {
  const int sizes[] = {0, 1, 2, 3, 5, 16, 17, 18, 31, 33, 64, 100, 257, 1000, 2048, 4097, 10000, 65536};
  const int ranges[] = {1, 2, 3, 5, 22, 1000, 1000000};
  int c = 0;
  for (int pattern = 0; pattern < 5; pattern++)
    for (int size : sizes)
      for (int range : ranges) {
        st = (uint64_t)c * 7919 + 17;
        std::vector<E> v(size);
        for (int i = 0; i < size; i++) {
          int64_t k;
          switch (pattern) {
            case 0: k = nextRand() % range; break;
            case 1: k = (int64_t)i * range / (size ? size : 1); break;
            case 2: k = -((int64_t)i * range / (size ? size : 1)); break;
            case 3: k = -(int64_t)((i % 22) % range); break;
            default: k = (i < size / 2 ? i : size - i) % range; break;
          }
          v[i] = {k, i};
        }
        std::sort(v.begin(), v.end(), [](const E &a, const E &b) { return a.key < b.key; });
        uint64_t h = 14695981039346656037ULL;
        for (auto &e : v) { h ^= (uint64_t)e.idx; h *= 1099511628211ULL; }
        printf("%d %d %d %d %016llx\n", c, pattern, size, range, (unsigned long long)h);
        c++;
      }
}
