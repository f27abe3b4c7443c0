# Chapter 10: placeholder; lab10b fills this file (see chapters/10-async/CMakeLists.txt).
