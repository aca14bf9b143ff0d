{application,b,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['b.B']},
              {registered,[]},
              {applications,[kernel,stdlib,a]}]}.
