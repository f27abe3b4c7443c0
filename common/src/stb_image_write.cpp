// The one translation unit that compiles stb_image_write (Debian's libstb-dev, header-only use).
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>
