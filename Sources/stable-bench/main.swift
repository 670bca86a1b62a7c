print("stable-bench")
