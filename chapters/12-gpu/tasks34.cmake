# Placeholder: lab12b fills this in.
