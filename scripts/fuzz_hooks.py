"""schemathesis hooks for scripts/fuzz-api.sh (loaded through SCHEMATHESIS_HOOKS).

The image upload declares its file part as image/png, image/jpeg or image/webp and the API checks
the bytes, as it should. Tell the fuzzer what a file of each type is: well-formed 1x1 images
(schemathesis' own samples), so a schema-valid upload is a real image.
"""
import hypothesis.strategies as st
import schemathesis
from schemathesis.core.file_samples import MEDIA_TYPE_FILE_SAMPLES

for media_type in ("image/png", "image/jpeg", "image/webp"):
    schemathesis.openapi.media_type(media_type, st.just(MEDIA_TYPE_FILE_SAMPLES[media_type]))
