// The translation unit that owns the tests' shared precompiled header (tests/CMakeLists.txt:
// seckit_test_pch); it has no code of its own.
