/* Memory-bandwidth floor for bench/hotspots.
 *
 *   cc -O2 -o floor floor.c && ./floor FILE
 *
 * Prints one JSON line:
 *   read_ms        read(2) of FILE into a 16 MiB buffer, bytes discarded (page cache → user space)
 *   read_count_ms  the same read plus a memchr() newline count over every byte (the least work any
 *                  CSV reader must do: every byte crosses the memory bus once and is looked at once)
 *   lines          newline count
 *   memcpy_gbs     memcpy bandwidth on 256 MiB blocks, bytes copied per second (each copied byte is
 *                  read once and written once)
 *   sum_gbs        read-only bandwidth: sum of 64-bit words over 256 MiB
 * The file is read twice first to make sure it is in the page cache. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

#define BUF (16u << 20)

static double pass(const char *path, int count, long long *lines, long long *bytes) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) { perror(path); exit(1); }
  static char *buf;
  if (!buf) buf = aligned_alloc(4096, BUF);
  double t0 = now_ms();
  long long nl = 0, total = 0;
  ssize_t r;
  while ((r = read(fd, buf, BUF)) > 0) {
    total += r;
    if (count) {
      const char *p = buf, *end = buf + r;
      while ((p = memchr(p, '\n', end - p)) != NULL) { nl++; p++; }
    }
  }
  double t = now_ms() - t0;
  close(fd);
  *lines = nl;
  *bytes = total;
  return t;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: floor FILE\n"); return 2; }
  long long lines = 0, bytes = 0;
  pass(argv[1], 0, &lines, &bytes);
  pass(argv[1], 0, &lines, &bytes);
  double best_read = 1e18, best_count = 1e18;
  for (int i = 0; i < 3; i++) {
    double a = pass(argv[1], 0, &lines, &bytes);
    if (a < best_read) best_read = a;
    double b = pass(argv[1], 1, &lines, &bytes);
    if (b < best_count) best_count = b;
  }
  size_t sz = 256u << 20;
  char *a = aligned_alloc(4096, sz), *b = aligned_alloc(4096, sz);
  memset(a, 1, sz);
  memset(b, 2, sz);
  double best_cpy = 1e18;
  for (int i = 0; i < 5; i++) {
    double t0 = now_ms();
    memcpy(i % 2 ? a : b, i % 2 ? b : a, sz);
    double t = now_ms() - t0;
    if (t < best_cpy) best_cpy = t;
  }
  double best_sum = 1e18;
  volatile uint64_t sink = 0;
  for (int i = 0; i < 5; i++) {
    const uint64_t *w = (const uint64_t *)a;
    uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    double t0 = now_ms();
    for (size_t k = 0; k < sz / 8; k += 4) { s0 += w[k]; s1 += w[k + 1]; s2 += w[k + 2]; s3 += w[k + 3]; }
    double t = now_ms() - t0;
    sink += s0 + s1 + s2 + s3;
    if (t < best_sum) best_sum = t;
  }
  printf("{\"bytes\":%lld,\"lines\":%lld,\"read_ms\":%.1f,\"read_count_ms\":%.1f,\"read_gbs\":%.2f,\"memcpy_gbs\":%.2f,\"sum_gbs\":%.2f}\n",
         bytes, lines, best_read, best_count, bytes / best_read / 1e6, sz / best_cpy / 1e6, sz / best_sum / 1e6);
  free(a);
  free(b);
  return (int)(sink & 0);
}
