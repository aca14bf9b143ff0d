{application,f,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['f.M']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
